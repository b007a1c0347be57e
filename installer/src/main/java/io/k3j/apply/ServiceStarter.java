package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.plan.Operation;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts a host's systemd units when what they run with changed since they last started (or when
 * they are not running; {@link Operation.Services#restartReason} decides, and in a dry run says
 * why), then waits until they are ready: systemd's word for Type=notify units
 * (K3s sends READY=1), a listening port, or the node Ready as a server sees it. Units that restart
 * one host at a time (K3s servers) take the apply's one turn for it, so a wave of running servers
 * is restarted as K3s asks for upgrades and token changes: one server after the other.
 */
final class ServiceStarter {
    private final ApplyContext context;
    private final ApplyListener listener;

    ServiceStarter(ApplyContext context, ApplyListener listener) {
        this.context = context;
        this.listener = listener;
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
        ExecResult restarted = RemoteShell.runOnce(host, "systemctl daemon-reload && systemctl enable -q " + units
                + " && systemctl restart --no-block " + units);
        if (!restarted.ok()) {
            throw new ClusterChecks.CheckFailed("systemctl could not start " + units + ": " + HostApplier.lastLines(restarted.stderr()),
                    "see 'systemctl status " + units + "' on the host");
        }
        String ready = waitReady(host, inventoryHost, services);
        Stamps.record(host, services.stamp(), hash);
        return new HostApplier.Result(running ? Change.CHANGED : Change.ADDED,
                (running ? "restarted " : "started ") + units + "; " + ready);
    }

    private String waitReady(RemoteHost host, Host inventoryHost, Operation.Services services) {
        Operation.Readiness readiness = services.ready();
        String units = String.join(" ", services.units());
        if (readiness instanceof Operation.Listening listening) {
            listener.waiting(inventoryHost.address(), "waiting for " + units + " to listen on port " + listening.port());
            awaitOnHost(host, services, "ss -Htln 'sport = :" + listening.port() + "' | grep -q .",
                    "listening on port " + listening.port());
            return "listening on port " + listening.port();
        }
        listener.waiting(inventoryHost.address(), "waiting for " + units + " to be ready");
        awaitOnHost(host, services, "systemctl is-active -q " + units, "active (ready)");
        if (readiness instanceof Operation.NodeReady) {
            return awaitNodeReady(inventoryHost, services);
        }
        return "active (ready)";
    }

    private void awaitOnHost(RemoteHost host, Operation.Services services, String condition, String what) {
        ExecResult waited = RemoteShell.run(host, RemoteShell.waitUntil(condition, context.readyLimit()), context.readyLimit());
        if (!waited.ok()) {
            String unit = services.units().get(0);
            throw new ClusterChecks.CheckFailed(unit + " was not " + what + " within " + context.readyLimit().toSeconds()
                    + " s; its journal ends: " + HostApplier.lastLines(RemoteShell.journal(host, unit)),
                    "read 'journalctl -u " + unit + "' on the host; --ready-timeout waits longer");
        }
    }

    /** Polls the nodes on the first server until this host's node is Ready, or the limit passes. */
    private String awaitNodeReady(Host inventoryHost, Operation.Services services) {
        String name = context.nodeName(inventoryHost);
        listener.waiting(inventoryHost.address(), "waiting for node " + name + " to be Ready");
        try {
            context.poll().until(() -> ClusterNodes.read(context.firstServer()), read -> read.find(name).filter(Node::ready).isPresent(),
                    context.readyLimit(), read -> notReady(name, read, services));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostWorkInterrupted("waiting for node " + name + " to be Ready", e);
        }
        return "node " + name + " Ready";
    }

    private ClusterChecks.CheckFailed notReady(String name, ClusterNodes.Read read, Operation.Services services) {
        String after = " after " + context.readyLimit().toSeconds() + " s";
        if (read.failure().isPresent()) {
            return new ClusterChecks.CheckFailed("the nodes could not be read" + after + " to see node " + name + ": " + read.failure().get(),
                    "read 'journalctl -u k3s' on " + context.firstServer().name() + ": its API answers once K3s there is ready; "
                            + "--ready-timeout waits longer");
        }
        return new ClusterChecks.CheckFailed("node " + name + " is " + (read.find(name).isPresent() ? "registered, not Ready" : "not registered")
                + after + " (as " + context.firstServer().name() + " sees it)",
                "read 'journalctl -u " + services.units().get(0) + "' on the host: a wrong token, or a registration "
                        + "address it cannot reach, shows there");
    }
}
