package io.k3j.apply;

import io.k3j.datastore.Endpoint;
import io.k3j.datastore.ProbeResult;
import io.k3j.datastore.TlsFiles;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Registration;
import io.k3j.plan.K3sToken;
import io.k3j.plan.Operation.CheckKind;
import io.k3j.plan.Paths;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import io.k3j.ssh.Tunnel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /** Runs {@code what} for the host at {@code address} (connected, or an existing address); returns what it found. */
    String run(CheckKind what, String address) {
        return switch (what) {
            case DATASTORE -> datastore(connected(address));
            case CLUSTER_TOKEN -> clusterToken(connected(address));
            case REGISTRATION -> registration();
            case DNS -> dns();
        };
    }

    private RemoteHost connected(String address) {
        return context.host(address).orElseThrow(() -> new IllegalStateException("no connection to " + address));
    }

    private String datastore(RemoteHost server) {
        Endpoint endpoint = Endpoint.parse(context.datastoreEndpoint());
        Endpoint.HostPort target = endpoint.servers().get(0);
        try (Tunnel tunnel = server.tunnel(target.host(), target.port())) {
            InetSocketAddress via = new InetSocketAddress("127.0.0.1", tunnel.localPort());
            Optional<TlsFiles> tls = context.inventory().datastore().tls().map(ClusterChecks::tlsFiles);
            ProbeResult result = context.datastoreProbe().check(endpoint, tls, via);
            if (!result.ok()) {
                throw new CheckFailed(result.detail(), result.fix().orElse(""));
            }
            return result.detail();
        }
    }

    private static TlsFiles tlsFiles(Datastore.Tls tls) {
        return new TlsFiles(Optional.of(tls.caFile()), tls.certFile(), tls.keyFile());
    }

    /** The agents' token as the first server wrote it: the agent token's secure form, never the server token. */
    private String clusterToken(RemoteHost firstServer) {
        String text = firstServer.readFile(Paths.AGENT_TOKEN).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                .orElseThrow(() -> new CheckFailed(Paths.AGENT_TOKEN + " is missing although k3s is running",
                        "look at 'journalctl -u k3s' on the host"));
        K3sToken token = K3sToken.parse(text).orElseThrow(() -> new CheckFailed(Paths.AGENT_TOKEN
                + " does not hold a K3s token (K10<ca-hash>::node:<password>)", "look at 'journalctl -u k3s' on the host"));
        if (!token.joinsAgentsOnly()) {
            throw new CheckFailed(Paths.AGENT_TOKEN + " holds the server token: k3s runs without the agent-token of "
                    + Paths.K3S_CONFIG, "look at 'journalctl -u k3s' on the host, then 'systemctl restart k3s'");
        }
        context.agentToken(token.text());
        return "read the agents' token (it pins the cluster CA and joins agents only)";
    }

    /**
     * The address answers K3s' {@code /ping} and serves the same cluster CA as the first server,
     * waited on because a new load balancer takes a few health checks to admit the servers.
     */
    private String registration() {
        Registration registration = context.inventory().registration();
        String through = registration.url();
        String local = "https://127.0.0.1:" + registration.port();
        String script = "ca=$(curl -fsSk --max-time 5 " + Shell.quote(local + "/cacerts") + ") || exit 3\n"
                + RemoteShell.waitUntil("[ \"$(curl -fsSk --max-time 5 " + Shell.quote(through + "/ping") + ")\" = pong ] && "
                + "[ \"$(curl -fsSk --max-time 5 " + Shell.quote(through + "/cacerts") + ")\" = \"$ca\" ]", context.readyLimit());
        ExecResult result = RemoteShell.run(context.firstServer(), script, context.readyLimit());
        if (result.exitStatus() == 3) {
            throw new CheckFailed("the first server does not serve /cacerts on " + local, "look at 'journalctl -u k3s' on it");
        }
        if (!result.ok()) {
            throw new CheckFailed(through + " did not answer as this cluster's K3s (/ping, then the same /cacerts as the "
                    + "servers) within " + context.readyLimit().toSeconds() + " s, checked from " + context.firstServer().name(),
                    "check that the address forwards TCP " + registration.port() + " to every server (a layer-4 load balancer, "
                            + "not TLS-terminating) and that it resolves from the servers");
        }
        return through + " answers as this cluster's K3s";
    }

    private String dns() {
        String name = context.inventory().registration().address();
        ExecResult result = RemoteShell.run(context.firstServer(), "getent ahosts " + Shell.quote(name) + " | awk '{print $1}' | sort -u");
        List<String> resolved = result.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> missing = new ArrayList<>();
        for (Host server : context.inventory().servers().hosts()) {
            String ip = context.ip(server);
            if (!resolved.contains(ip)) {
                missing.add(ip);
            }
        }
        if (!missing.isEmpty()) {
            throw new CheckFailed(name + " resolves to " + (resolved.isEmpty() ? "nothing" : String.join(", ", resolved))
                    + " from " + context.firstServer().name() + ", without " + String.join(", ", missing),
                    "add an A record for every server to " + name);
        }
        return name + " resolves to every server (" + String.join(", ", resolved) + ")";
    }
}
