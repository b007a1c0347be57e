package io.k3j.apply;

import io.k3j.plan.NodeLabelsDiff;
import io.k3j.plan.Operation;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Carries out {@link Operation.NodeLabels}: reads the node on the first server and sets what
 * differs there with {@code kubectl label}, {@code kubectl taint} and {@code kubectl annotate}, in
 * one script; no unit restarts. In a dry run it says what it would set. A node not registered yet
 * is waited on (apply) or shown with what it will register with (dry run).
 */
final class NodeLabeller {
    private static final String RECORDED = "record the labels and taints k3j-install manages ("
            + NodeLabelsDiff.MANAGED_LABELS + ", " + NodeLabelsDiff.MANAGED_TAINTS + ")";

    private final ApplyContext context;
    private final ApplyListener listener;

    NodeLabeller(ApplyContext context, ApplyListener listener) {
        this.context = context;
        this.listener = listener;
    }

    HostApplier.Result converge(String address, Operation.NodeLabels wanted) {
        RemoteHost server = context.host(wanted.from()).orElseThrow(() -> new IllegalStateException("no connection to " + wanted.from()));
        Optional<Node> node = context.wet().dry() ? read(server, wanted).node() : awaitRegistered(server, address, wanted);
        if (node.isEmpty()) {
            return registersWith(wanted);
        }
        NodeLabelsDiff diff = wanted.against(node.get().labels(), node.get().taints(), node.get().annotations());
        if (diff.none()) {
            return new HostApplier.Result(Change.UNCHANGED, "node " + wanted.node() + "'s labels and taints as the inventory has them");
        }
        List<ActionOutcome.Part> parts = new ArrayList<>();
        diff.edits().forEach(edit -> parts.add(new ActionOutcome.Part(change(edit.kind()), wanted.node() + ": " + edit.describe())));
        if (parts.isEmpty()) {
            parts.add(new ActionOutcome.Part(Change.CHANGED, wanted.node() + ": " + RECORDED));
        }
        if (!context.wet().dry()) {
            set(server, wanted.node(), diff, node.get());
        }
        return new HostApplier.Result(overall(parts), parts.stream().map(ActionOutcome.Part::detail).collect(Collectors.joining("; ")),
                Optional.empty(), Optional.empty(), parts);
    }

    /** A dry run before the node registers (or before the cluster answers): it will register with the drop-in's labels and taints. */
    private static HostApplier.Result registersWith(Operation.NodeLabels wanted) {
        if (wanted.labels().isEmpty() && wanted.taints().isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, "node " + wanted.node() + " is not registered yet; no labels or taints to set");
        }
        List<ActionOutcome.Part> parts = new ArrayList<>();
        wanted.labels().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(label -> parts.add(
                new ActionOutcome.Part(Change.ADDED, wanted.node() + ": label " + label.getKey() + "=" + label.getValue() + " (as it registers)")));
        wanted.taints().forEach(taint -> parts.add(new ActionOutcome.Part(Change.ADDED, wanted.node() + ": taint " + taint + " (as it registers)")));
        parts.add(new ActionOutcome.Part(Change.ADDED, wanted.node() + ": " + RECORDED));
        return new HostApplier.Result(Change.ADDED, "node " + wanted.node() + " is not registered yet: it registers with the inventory's "
                + "labels and taints", Optional.empty(), Optional.empty(), parts);
    }

    private static ClusterNodes.ReadOne read(RemoteHost server, Operation.NodeLabels wanted) {
        return ClusterNodes.readNode(server, wanted.node());
    }

    /** The node once registered: a server's node may follow its READY=1, and a server still starting answers 503 for a while. */
    private Optional<Node> awaitRegistered(RemoteHost server, String address, Operation.NodeLabels wanted) {
        listener.waiting(address, "reading node " + wanted.node());
        try {
            return context.poll().until(() -> read(server, wanted), read -> read.node().isPresent(), context.readyLimit(),
                    read -> new ClusterChecks.CheckFailed(read.failure().orElse("node " + wanted.node() + " is not registered")
                            + " (still, after " + context.readyLimit().toSeconds() + " s)",
                            "read 'journalctl -u k3s' on " + server.name() + " and the journal of K3s on " + address
                                    + "; --ready-timeout waits longer")).node();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostWorkInterrupted("reading node " + wanted.node(), e);
        }
    }

    /**
     * The kubectl calls, in one script that stops at the first failure. What k3j-install is about to
     * set is recorded first (with what it managed before), so a run cut short leaves nothing of its
     * own untracked; the record is then trimmed to what the inventory has.
     */
    private static void set(RemoteHost server, String node, NodeLabelsDiff diff, Node now) {
        String target = " node " + Shell.quote(node) + " --overwrite";
        StringBuilder script = new StringBuilder("set -e\n");
        String labelsBefore = now.annotations().getOrDefault(NodeLabelsDiff.MANAGED_LABELS, "");
        String taintsBefore = now.annotations().getOrDefault(NodeLabelsDiff.MANAGED_TAINTS, "");
        script.append(annotate(target, NodeLabelsDiff.union(labelsBefore, diff.managedLabels()),
                NodeLabelsDiff.taintUnion(taintsBefore, diff.managedTaints())));
        List<String> labels = diff.edits().stream().filter(edit -> !edit.taint()).map(edit -> Shell.quote(edit.kubectlArgument())).toList();
        if (!labels.isEmpty()) {
            script.append("k3s kubectl label").append(target).append(' ').append(String.join(" ", labels)).append('\n');
        }
        List<String> taints = diff.edits().stream().filter(NodeLabelsDiff.Edit::taint).map(edit -> Shell.quote(edit.kubectlArgument())).toList();
        if (!taints.isEmpty()) {
            script.append("k3s kubectl taint").append(target).append(' ').append(String.join(" ", taints)).append('\n');
        }
        script.append(annotate(target, diff.managedLabels(), diff.managedTaints()));
        ExecResult result = RemoteShell.run(server, script.toString());
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed("kubectl could not set node " + node + "'s labels and taints on " + server.name() + ": "
                    + HostApplier.lastLines(result.stderr().isBlank() ? result.stdout() : result.stderr()),
                    "check the node with 'kubectl describe node " + node + "' and apply again (it carries on from what is there)");
        }
    }

    private static String annotate(String target, String labels, String taints) {
        return "k3s kubectl annotate" + target + " " + Shell.quote(NodeLabelsDiff.MANAGED_LABELS + "=" + labels) + " "
                + Shell.quote(NodeLabelsDiff.MANAGED_TAINTS + "=" + taints) + " >/dev/null\n";
    }

    private static Change change(NodeLabelsDiff.Kind kind) {
        return switch (kind) {
            case ADD -> Change.ADDED;
            case CHANGE -> Change.CHANGED;
            case REMOVE -> Change.REMOVED;
        };
    }

    private static Change overall(List<ActionOutcome.Part> parts) {
        List<Change> changes = parts.stream().map(ActionOutcome.Part::change).distinct().toList();
        return changes.size() == 1 ? changes.get(0) : Change.CHANGED;
    }
}
