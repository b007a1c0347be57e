package io.k3j.apply;

import io.k3j.datastore.Endpoint;
import io.k3j.datastore.ProbeResult;
import io.k3j.datastore.TlsFiles;
import io.k3j.inventory.Datastore;
import io.k3j.plan.K3sToken;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import io.k3j.ssh.Tunnel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The checks of an apply: each holds (and says what it found) or throws a {@link CheckFailed}
 * with what is wrong and what to do. Checks from inside the cluster run on a server host, so they
 * take the path K3s takes, even when this machine reaches the hosts only through a bastion.
 */
final class ClusterChecks {
    private final ApplyContext context;

    ClusterChecks(ApplyContext context) {
        this.context = context;
    }

    /** A check that did not hold: what was found, and what to do. */
    static final class CheckFailed extends RuntimeException {
        private final String fix;

        CheckFailed(String problem, String fix) {
            super(problem);
            this.fix = fix;
        }

        String fix() {
            return fix;
        }
    }

    /**
     * Runs {@code check} for the host at {@code address} (connected, or an existing address) and says
     * what it found. A dry run makes no check (each depends on what the changes before it would do)
     * but reads the agents' token where a server already wrote one, to plan the workers with it.
     */
    HostApplier.Result run(Operation.Check check, String address) {
        if (context.wet().dry()) {
            Optional<String> read = check instanceof Operation.AgentToken token
                    ? readAgentToken(connected(address), token) : Optional.empty();
            return new HostApplier.Result(Change.TO_CHECK, "", Optional.empty(), read);
        }
        if (check instanceof Operation.AgentToken token) {
            String read = agentToken(connected(address), token);
            return new HostApplier.Result(Change.CHECKED, "read the agents' token (it pins the cluster CA and joins agents only)",
                    Optional.empty(), Optional.of(read));
        }
        return new HostApplier.Result(Change.CHECKED, found(check, address));
    }

    private String found(Operation.Check check, String address) {
        if (check instanceof Operation.DatastoreLogin login) {
            return datastore(connected(address), login);
        } else if (check instanceof Operation.RegistrationAnswers registration) {
            return registration(connected(registration.from()), registration);
        } else if (check instanceof Operation.ResolvesTo name) {
            return dns(connected(name.from()), name);
        }
        throw new IllegalStateException("no way to check " + check);
    }

    private RemoteHost connected(String address) {
        return context.host(address).orElseThrow(() -> new IllegalStateException("no connection to " + address));
    }

    private String datastore(RemoteHost server, Operation.DatastoreLogin login) {
        Endpoint endpoint = Endpoint.parse(login.endpoint());
        if (endpoint.type() == Endpoint.Type.ETCD && endpoint.servers().size() > 1) {
            return etcdMembers(server, login, endpoint);
        }
        ProbeResult result = probe(server, login, endpoint, endpoint.servers().get(0));
        if (!result.ok()) {
            throw new CheckFailed(result.detail(), result.fix().orElse(""));
        }
        return result.detail();
    }

    /**
     * Every member of an etcd cluster answers healthy from this server, waited on while a new
     * cluster elects its leader; when the limit passes, what each member said, and whether the
     * cluster lost its quorum (K3s then cannot write: etcd's failure modes).
     */
    private String etcdMembers(RemoteHost server, Operation.DatastoreLogin login, Endpoint endpoint) {
        List<Endpoint.HostPort> members = endpoint.servers();
        try {
            context.poll().until(() -> members.stream().map(member -> probe(server, login, endpoint.only(member), member)).toList(),
                    results -> results.stream().allMatch(ProbeResult::ok), context.readyLimit(), results -> {
                        long healthy = results.stream().filter(ProbeResult::ok).count();
                        String said = String.join("; ", results.stream().filter(result -> !result.ok()).map(ProbeResult::detail).toList());
                        String quorum = healthy > members.size() / 2 ? healthy + " of " + members.size() + " members healthy"
                                : "the etcd cluster has lost its quorum: " + healthy + " of " + members.size() + " members healthy, "
                                        + (members.size() / 2 + 1) + " needed for K3s to read or write";
                        return new CheckFailed(quorum + " after " + context.readyLimit().toSeconds() + " s, checked from "
                                + server.name() + ": " + said, "start the members that are down (systemctl start k3j-etcd, "
                                + "journalctl -u k3j-etcd there); the cluster serves again once a majority runs");
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostWorkInterrupted("checking the etcd members", e);
        }
        return "every etcd member (" + String.join(", ", members.stream().map(member -> member.host() + ":" + member.port()).toList())
                + ") answers" + (login.tls().isPresent() ? " over TLS with the given certificates" : "") + " and is healthy";
    }

    private ProbeResult probe(RemoteHost server, Operation.DatastoreLogin login, Endpoint endpoint, Endpoint.HostPort target) {
        try (Tunnel tunnel = server.tunnel(target.host(), target.port())) {
            InetSocketAddress via = new InetSocketAddress("127.0.0.1", tunnel.localPort());
            Optional<TlsFiles> tls = login.tls().map(ClusterChecks::tlsFiles);
            return context.datastoreProbe().check(endpoint, tls, via);
        }
    }

    private static TlsFiles tlsFiles(Datastore.Tls tls) {
        return new TlsFiles(Optional.of(tls.caFile()), tls.certFile(), tls.keyFile());
    }

    /** The agents' token as the server wrote it: the agent token's secure form, never the server token. */
    private static String agentToken(RemoteHost server, Operation.AgentToken expected) {
        String text = server.readFile(expected.path()).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                .orElseThrow(() -> new CheckFailed(expected.path() + " is missing although k3s is running",
                        "look at 'journalctl -u k3s' on the host"));
        K3sToken token = K3sToken.parse(text).orElseThrow(() -> new CheckFailed(expected.path()
                + " does not hold a K3s token (K10<ca-hash>::node:<password>)", "look at 'journalctl -u k3s' on the host"));
        if (!token.joinsAgentsOnly()) {
            throw new CheckFailed(expected.path() + " holds the server token: k3s runs without the agent-token of "
                    + Paths.K3S_CONFIG, "look at 'journalctl -u k3s' on the host, then 'systemctl restart k3s'");
        }
        if (!token.password().equals(expected.agentPassword())) {
            throw new CheckFailed(expected.path() + " holds another agent token than agent-token in " + Paths.K3S_CONFIG,
                    "run 'systemctl restart k3s' on the host, then apply again");
        }
        return token.text();
    }

    /** A dry run's read of the agents' token: the one the server holds, if it is for the agent token it is given. */
    private static Optional<String> readAgentToken(RemoteHost server, Operation.AgentToken expected) {
        return server.readFile(expected.path()).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip()).flatMap(K3sToken::parse)
                .filter(token -> token.joinsAgentsOnly() && token.password().equals(expected.agentPassword())).map(K3sToken::text);
    }

    /**
     * The address answers K3s' {@code /ping} and serves the same cluster CA as the first server,
     * waited on because a new load balancer takes a few health checks to admit the servers.
     */
    private String registration(RemoteHost firstServer, Operation.RegistrationAnswers registration) {
        String through = registration.url();
        String local = "https://127.0.0.1:" + registration.port();
        String script = "ca=$(curl -fsSk --max-time 5 " + Shell.quote(local + "/cacerts") + ") || exit 3\n"
                + RemoteShell.waitUntil("[ \"$(curl -fsSk --max-time 5 " + Shell.quote(through + "/ping") + ")\" = pong ] && "
                + "[ \"$(curl -fsSk --max-time 5 " + Shell.quote(through + "/cacerts") + ")\" = \"$ca\" ]", context.readyLimit());
        ExecResult result = RemoteShell.run(firstServer, script, context.readyLimit());
        if (result.exitStatus() == 3) {
            throw new CheckFailed("the first server does not serve /cacerts on " + local, "look at 'journalctl -u k3s' on it");
        }
        if (!result.ok()) {
            throw new CheckFailed(through + " did not answer as this cluster's K3s (/ping, then the same /cacerts as the "
                    + "servers) within " + context.readyLimit().toSeconds() + " s, checked from " + firstServer.name(),
                    "check that the address forwards TCP " + registration.port() + " to every server (a layer-4 load balancer, "
                            + "not TLS-terminating) and that it resolves from the servers");
        }
        return through + " answers as this cluster's K3s";
    }

    private static String dns(RemoteHost firstServer, Operation.ResolvesTo expected) {
        String name = expected.name();
        ExecResult result = RemoteShell.run(firstServer, "getent ahosts " + Shell.quote(name) + " | awk '{print $1}' | sort -u");
        List<String> resolved = result.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> missing = expected.addresses().stream().filter(ip -> !resolved.contains(ip)).toList();
        if (!missing.isEmpty()) {
            throw new CheckFailed(name + " resolves to " + (resolved.isEmpty() ? "nothing" : String.join(", ", resolved))
                    + " from " + firstServer.name() + ", without " + String.join(", ", missing),
                    "add an A record for every server to " + name);
        }
        return name + " resolves to every server (" + String.join(", ", resolved) + ")";
    }
}
