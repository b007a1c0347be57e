package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.plan.EtcdMember;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starts a host's systemd units when what they run with changed since they last started (or when
 * they are not running; {@link Operation.Services#restartReason} decides, and in a dry run says
 * why), then waits until they are ready: systemd's word for Type=notify units
 * (K3s sends READY=1), a listening port, or the node Ready as a server sees it. Units that restart
 * one host at a time (K3s servers) take the apply's one turn for it, so a wave of running servers
 * is restarted as K3s asks for upgrades and token changes: one server after the other, each out of
 * the HAProxy k3j-install runs while it restarts ({@link HaproxyDrain}).
 */
final class ServiceStarter {
    private final ApplyContext context;
    private final ApplyListener listener;
    private final HaproxyDrain haproxy;

    ServiceStarter(ApplyContext context, ApplyListener listener) {
        this.context = context;
        this.listener = listener;
        this.haproxy = new HaproxyDrain(context, listener);
    }

    /** {@code changedBefore}: what this step changed (or would change) on the host before the units, to say why they restart. */
    HostApplier.Result start(RemoteHost host, Host inventoryHost, Operation.Services services, List<String> inputs,
                             List<String> changedBefore) {
        List<String> stampInputs = new ArrayList<>(inputs);
        stampInputs.add(String.join(",", services.units()));
        String hash = Stamps.hash(stampInputs);
        String units = String.join(" ", services.units());
        boolean running = RemoteShell.run(host, "systemctl is-active -q " + units).ok();
        Optional<String> reason = services.restartReason(running, running && Stamps.matches(host, services.stamp(), hash), changedBefore);
        if (reason.isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, units + " running with this configuration");
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(running ? Change.CHANGED : Change.ADDED, (running ? "restart " : "start ") + units + ": "
                    + reason.get());
        }
        if (running && services.oneRestartAtATime()) {
            listener.waiting(inventoryHost.address(), "waiting for its turn to restart " + units + " (one host at a time)");
            context.oneRestartAtATime().lock();
            try {
                return restart(host, inventoryHost, services, hash, true);
            } finally {
                context.oneRestartAtATime().unlock();
            }
        }
        return restart(host, inventoryHost, services, hash, running);
    }

    private HostApplier.Result restart(RemoteHost host, Host inventoryHost, Operation.Services services, String hash, boolean running) {
        String units = String.join(" ", services.units());
        // Asked before the restart: a registration address that served then must serve again before the next server goes.
        boolean registrationServed = running && registrationServes(host, services.ready());
        Supplier<String> restartAndAwait = () -> {
            ExecResult restarted = RemoteShell.runOnce(host, restartScript(units));
            if (!restarted.ok()) {
                throw new ClusterChecks.CheckFailed("systemctl could not start " + units + ": " + HostApplier.lastLines(restarted.stderr()),
                        "see 'systemctl status " + units + "' on the host");
            }
            return services.ready() instanceof Operation.EtcdMemberServing member
                    ? awaitEtcdMember(host, inventoryHost, services.units(), member, running)
                    : awaitReady(host, inventoryHost, services.units(), services.ready(), registrationServed);
        };
        // A server that does not run has no client to spare: HAProxy's checks already keep it out.
        String ready = running ? outOfRotationWhile(inventoryHost, services.ready(), restartAndAwait) : restartAndAwait.get();
        // Only once it is back in rotation: a run cut short before restarts it again, and puts it back then.
        Stamps.record(host, services.stamp(), hash);
        return new HostApplier.Result(running ? Change.CHANGED : Change.ADDED,
                (running ? "restarted " : "started ") + units + "; " + ready);
    }

    /**
     * The unit files read again, the units enabled and restarted without waiting. One reload:
     * {@code systemctl enable} reloads systemd again unless told not to (systemd's
     * src/systemctl/systemctl-enable.c), which cost each restart about 2 s on a loaded host; the
     * links it makes need no reload to be followed at boot.
     */
    private static String restartScript(String units) {
        return "systemctl daemon-reload && systemctl enable --no-reload -q " + units + " && systemctl restart --no-block " + units;
    }

    /** {@code restart} with the server out of the HAProxy k3j-install runs, when {@code ready} names one ({@link HaproxyDrain}). */
    String outOfRotationWhile(Host inventoryHost, Operation.Readiness ready, Supplier<String> restart) {
        return haproxy.outOfRotationWhile(inventoryHost, ready, restart);
    }

    /** Whether {@code ready} waits on the registration address, and it answers {@code /readyz} now (asked before a server stops). */
    boolean registrationServes(RemoteHost host, Operation.Readiness ready) {
        return ready instanceof Operation.ServerServing serving && RemoteShell.run(host, readyz(serving.registrationUrl())).ok();
    }

    /**
     * Waits on the host until {@code units}, just (re)started, are as {@code readiness} says, and says so;
     * {@code registrationServed}: the registration address answered before, so it must answer again.
     */
    String awaitReady(RemoteHost host, Host inventoryHost, List<String> units, Operation.Readiness readiness, boolean registrationServed) {
        String names = String.join(" ", units);
        if (readiness instanceof Operation.Listening listening) {
            listener.waiting(inventoryHost.address(), "waiting for " + names + " to listen on port " + listening.port());
            awaitOnHost(host, units, "ss -Htln 'sport = :" + listening.port() + "' | grep -q .",
                    "listening on port " + listening.port());
            return "listening on port " + listening.port();
        }
        if (readiness instanceof Operation.PostgresAccepting postgres) {
            listener.waiting(inventoryHost.address(), "waiting for " + names + " to accept connections on port " + postgres.port());
            awaitOnHost(host, units, "pg_isready -q -p " + postgres.port(), "accepting connections on port " + postgres.port());
            return "accepting connections on port " + postgres.port();
        }
        listener.waiting(inventoryHost.address(), "waiting for " + names + " to be ready");
        awaitOnHost(host, units, "systemctl is-active -q " + names, "active (ready)");
        if (readiness instanceof Operation.NodeReady node) {
            return awaitNodeReady(context.firstServer(), inventoryHost, node.version(), units);
        }
        if (readiness instanceof Operation.ServerServing serving) {
            // Read on the server itself: its own API answering is part of its being back.
            String ready = awaitNodeReady(host, inventoryHost, Optional.of(serving.version()), units);
            if (!registrationServed) {
                return ready;
            }
            listener.waiting(inventoryHost.address(), "waiting for " + serving.registrationUrl() + "/readyz to answer ok");
            awaitOnHost(host, units, readyz(serving.registrationUrl()), "answering /readyz through " + serving.registrationUrl());
            return ready + "; " + serving.registrationUrl() + "/readyz ok";
        }
        return "active (ready)";
    }

    /**
     * A new member listening on its peer port, without waiting for its start job: systemd runs it
     * until etcd reports READY=1, which a member of a new cluster does only once a majority runs.
     * A member that ran: healthy again on loopback, as etcd's {@code /health} says (a leader, and
     * a read through it answered).
     */
    private String awaitEtcdMember(RemoteHost host, Host inventoryHost, List<String> units, Operation.EtcdMemberServing member,
                                   boolean ran) {
        if (!ran) {
            String what = "listening on its peer port " + member.peerPort();
            listener.waiting(inventoryHost.address(), "waiting for " + String.join(" ", units) + " to listen on its peer port "
                    + member.peerPort() + " (the cluster serves once a majority of its members runs)");
            ExecResult listening = RemoteShell.run(host, RemoteShell.waitUntil("ss -Htln 'sport = :" + member.peerPort()
                    + "' | grep -q .", context.readyLimit()), context.readyLimit());
            if (!listening.ok()) {
                throw notReady(host, units.get(0), what);
            }
            return what;
        }
        listener.waiting(inventoryHost.address(), "waiting for " + String.join(" ", units) + " to be a healthy member again");
        awaitOnHost(host, units, EtcdMember.HEALTHY,
                "a healthy member again (etcd's /health: a leader, a read answered)");
        return "a healthy member again";
    }

    /** The apiserver's readiness through {@code url}, with the admin kubeconfig K3s wrote on the server (its CA, its client certificate). */
    private static String readyz(String url) {
        return "k3s kubectl --server " + Shell.quote(url) + " --request-timeout=5s get --raw /readyz 2>/dev/null | grep -qx ok";
    }

    private void awaitOnHost(RemoteHost host, List<String> units, String condition, String what) {
        ExecResult waited = RemoteShell.run(host, RemoteShell.waitUntilEach(List.of(noJobQueued(units), condition),
                context.readyLimit()), context.readyLimit());
        if (!waited.ok()) {
            throw notReady(host, units.get(0), what);
        }
    }

    private ClusterChecks.CheckFailed notReady(RemoteHost host, String unit, String what) {
        return new ClusterChecks.CheckFailed(unit + " was not " + what + " within " + context.readyLimit().toSeconds()
                + " s; its journal ends: " + HostApplier.lastLines(RemoteShell.journal(host, unit)),
                "read 'journalctl -u " + unit + "' on the host; --ready-timeout waits longer");
    }

    /**
     * No start or stop queued for the units or their instances: {@code restart --no-block} only
     * queues the job, and until systemd has run it the old process still answers every check (an
     * old PostgreSQL accepts connections; postgresql.service reads inactive while its instance restarts).
     */
    private static String noJobQueued(List<String> units) {
        StringBuilder patterns = new StringBuilder();
        units.forEach(unit -> patterns.append(' ').append(Shell.quote(unit + ".service")).append(' ').append(Shell.quote(unit + "@*")));
        return "! systemctl list-jobs --no-legend" + patterns + " | grep -q .";
    }

    /** Asks {@code readOn} for this host's node until it is Ready (at {@code version}, when given), or the limit passes. */
    private String awaitNodeReady(RemoteHost readOn, Host inventoryHost, Optional<String> version, List<String> units) {
        String name = context.nodeName(inventoryHost);
        String at = version.map(wanted -> " at " + wanted).orElse("");
        listener.waiting(inventoryHost.address(), "waiting for node " + name + " to be Ready" + at);
        try {
            // Its own node only: a wave of workers each reading the whole list once a second grows as N² (docs/scale.md).
            context.poll().until(() -> ClusterNodes.readNode(readOn, name),
                    read -> read.node().filter(node -> node.ready() && version.map(node.version()::equals).orElse(true)).isPresent(),
                    context.readyLimit(), read -> notReady(readOn, name, version, read, units.get(0)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostWorkInterrupted("waiting for node " + name + " to be Ready", e);
        }
        return "node " + name + " Ready" + at;
    }

    private ClusterChecks.CheckFailed notReady(RemoteHost readOn, String name, Optional<String> version, ClusterNodes.ReadOne read,
                                               String unit) {
        String after = " after " + context.readyLimit().toSeconds() + " s";
        if (read.failure().isPresent()) {
            return new ClusterChecks.CheckFailed("node " + name + " could not be read" + after + ": " + read.failure().get(),
                    "read 'journalctl -u k3s' on " + readOn.name() + ": its API answers once K3s there is ready; "
                            + "--ready-timeout waits longer");
        }
        Optional<Node> node = read.node();
        if (node.isPresent() && node.get().ready() && version.isPresent()) {
            return new ClusterChecks.CheckFailed("node " + name + " is Ready with its kubelet at " + node.get().version() + ", not "
                    + version.get() + after + " (as " + readOn.name() + " sees it)",
                    "read 'journalctl -u " + unit + "' on the host and check " + Paths.K3S_BINARY
                            + " --version there: the new binary is not the one running");
        }
        return new ClusterChecks.CheckFailed("node " + name + " is " + (node.isPresent() ? "registered, not Ready" : "not registered")
                + after + " (as " + readOn.name() + " sees it)",
                "read 'journalctl -u " + unit + "' on the host: a wrong token, or a registration "
                        + "address it cannot reach, shows there");
    }
}
