package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.output.Json;
import io.k3j.plan.Operation;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A worker taken out of service for an upgrade and put back, through the API with the kubectl
 * K3s ships, on the first server (with the kubeconfig K3s writes there): cordon and drain when the
 * node's kubelet is not at the target version yet, uncordon when k3j-install cordoned it. Each
 * reads the Node first (drain and uncordon not again for a node this run has just marked), so a node already at the version is left alone and a run cut short
 * carries on: the mark on the node says who cordoned it.
 */
final class NodeRollout {
    private final ApplyContext context;
    // The nodes this run found at an older kubelet and marked as cordoned by k3j-install: their drain
    // and uncordon come seconds later in the same run, so they need not read the node again.
    private final Set<String> markedHere = ConcurrentHashMap.newKeySet();

    NodeRollout(ApplyContext context) {
        this.context = context;
    }

    HostApplier.Result cordon(Host host, Operation.Cordon cordon) {
        String name = context.nodeName(host);
        Optional<NodeState> node = read(name);
        if (node.isEmpty() || node.get().kubeletVersion().equals(cordon.version())) {
            return atVersionOrAbsent(name, node, cordon.version());
        }
        if (node.get().unschedulable()) {
            if (node.get().marked()) {
                markedHere.add(name);
            }
            return new HostApplier.Result(Change.UNCHANGED, "node " + name + " is cordoned already"
                    + (node.get().marked() ? " (by k3j-install)" : " (not by k3j-install: it stays cordoned after the upgrade)"));
        }
        String versions = " (kubelet " + node.get().kubeletVersion() + " -> " + cordon.version() + ")";
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.CHANGED, "cordon node " + name + versions);
        }
        patch("cordon node " + name, name, "true", true);
        markedHere.add(name);
        return new HostApplier.Result(Change.CHANGED, "cordoned node " + name + versions);
    }

    HostApplier.Result drain(Host host, Operation.Drain drain) {
        String name = context.nodeName(host);
        if (!markedHere.contains(name)) {
            Optional<NodeState> node = read(name);
            if (node.isEmpty() || node.get().kubeletVersion().equals(drain.version())) {
                return atVersionOrAbsent(name, node, drain.version());
            }
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.CHANGED, "drain node " + name);
        }
        new NodeDrain(context.firstServer()).drain(name, drain.timeout(),
                "node " + name + " stays cordoned at its old version; the cluster is in a supported mixed state",
                "or apply --no-drain to upgrade without draining");
        return new HostApplier.Result(Change.CHANGED, "drained node " + name);
    }

    HostApplier.Result uncordon(Host host) {
        String name = context.nodeName(host);
        if (!markedHere.remove(name)) {
            Optional<NodeState> node = read(name);
            if (node.isEmpty() || !node.get().marked()) {
                return new HostApplier.Result(Change.UNCHANGED, "node " + name + " was not cordoned by k3j-install");
            }
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.CHANGED, "uncordon node " + name);
        }
        patch("uncordon node " + name, name, null, null);
        return new HostApplier.Result(Change.CHANGED, "uncordoned node " + name);
    }

    private static HostApplier.Result atVersionOrAbsent(String name, Optional<NodeState> node, String version) {
        return new HostApplier.Result(Change.UNCHANGED, node.isEmpty() ? "node " + name + " is not registered yet"
                : "node " + name + " is at " + version + " already");
    }

    private Optional<NodeState> read(String name) {
        RemoteHost server = context.firstServer();
        ExecResult result = RemoteShell.run(server, "k3s kubectl get node " + Shell.quote(name) + " -o json --ignore-not-found");
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed("k3s kubectl get node " + name + " failed on " + server.name() + ": "
                    + HostApplier.lastLines(result.stderr()), "read 'journalctl -u k3s' on " + server.name() + ", then apply again");
        }
        return NodeState.parse(result.stdout(), Operation.Cordon.MARK);
    }

    /**
     * The mark and {@code spec.unschedulable} set (or, null, removed) in one JSON merge patch: one
     * kubectl call instead of two, and no run cut short between them leaves a node marked but not
     * cordoned, or uncordoned but still marked. A null {@code unschedulable} is what kubectl
     * uncordon's own patch sends (kubectl/pkg/drain/cordon.go, a two-way merge patch to false).
     */
    private void patch(String what, String name, String mark, Boolean unschedulable) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put(Operation.Cordon.MARK, mark);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("unschedulable", unschedulable);
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("metadata", Map.of("annotations", annotations));
        node.put("spec", spec);
        String patch = Json.write(node);
        ExecResult result = RemoteShell.run(context.firstServer(), "k3s kubectl patch node " + Shell.quote(name) + " --type=merge -p "
                + Shell.quote(patch) + " >/dev/null");
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed("could not " + what + " on " + context.firstServer().name() + ": "
                    + HostApplier.lastLines(result.stderr()), "read the run log, fix the cause and apply again");
        }
    }
}
