package io.k3j.cli;

import io.k3j.apply.Node;
import io.k3j.apply.StepFailure;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The end of an apply, for people and for CI: the summary table and the result; then the nodes,
 * the kubeconfig and the commands to run next, or, when it stopped, every failure (host, step,
 * action, problem, fix) and how to carry on.
 */
final class ApplyEnding {
    private final Output output;
    private final Path inventory;
    private final SecretMasker masker;

    ApplyEnding(Output output, Path inventory, SecretMasker masker) {
        this.output = output;
        this.inventory = inventory;
        this.masker = masker;
    }

    /** {@code cluster} and {@code server} are the kubeconfig's context and the registration address's URL. */
    void applied(ApplySummary summary, List<Node> nodes, String cluster, String server, Path kubeconfig) {
        Style style = output.style();
        table(summary);
        long changed = summary.changes();
        output.result(changed == 0
                ? style.success("✓ ") + "no changes: every host already matched the inventory ("
                        + count(summary.rows().size(), "host") + ", " + Elapsed.took(summary.total()) + ")"
                : style.success("✓ ") + "applied " + count(changed, "change") + " on " + summary.hostsChanged() + " of "
                        + count(summary.rows().size(), "host") + " in " + Elapsed.took(summary.total()));
        output.info("");
        output.info(nodeTable(nodes));
        output.info("");
        output.result("kubeconfig: " + kubeconfig + " (context " + cluster + ", server " + server + ")");
        output.info("next:");
        output.info("  kubectl --kubeconfig " + kubeconfig + " get nodes" + style.faint("   # the nodes, through the registration address"));
        output.info("  k3j-install plan " + inventory + style.faint("   # nothing pending: the hosts match the inventory"));
        output.event("applied", "cluster", cluster, "changed", changed, "kubeconfig", kubeconfig.toString(),
                "nodes", nodes.stream().map(node -> Map.of("name", node.name(), "ready", node.ready(), "roles", node.rolesColumn())).toList());
        output.event("summary", summary.eventFields("ok", "kubeconfig", kubeconfig.toString()));
    }

    /** Shows how the apply stopped; the returned exception ends the command with its exit code and how to resume. */
    CliException stopped(ApplySummary summary, List<StepFailure> failures, Path log) {
        table(summary);
        output.info(output.style().error("✗ ") + "apply stopped in step " + failures.get(0).step().title() + ": "
                + count(failures.size(), "host") + " failed; " + count(summary.changes(), "change") + " made before, in "
                + Elapsed.took(summary.total()));
        output.event("summary", summary.eventFields("failed", "run_log", log.toString()));
        failures.forEach(failure -> output.error(masker.mask(failure.describe())));
        if (beforeAnyChange(summary, failures)) {
            return new CliException(ExitCode.PREFLIGHT_FAILED, "the datastore check failed before any change: no host was changed. "
                    + "Fix the datastore (or the servers' way to it), then run 'k3j-install apply " + inventory + "' again. "
                    + "The run log is " + log);
        }
        return new CliException(ExitCode.APPLY_FAILED, "to resume, fix the cause and run 'k3j-install apply " + inventory
                + "' again: it carries on from what is there. The run log is " + log);
    }

    /**
     * Step 1 with nothing changed yet: a datastore that does not answer the servers' check (stopped,
     * refusing them) stops the apply as a preflight would, before any server is touched.
     */
    private static boolean beforeAnyChange(ApplySummary summary, List<StepFailure> failures) {
        return summary.changes() == 0 && failures.stream().allMatch(failure -> failure.step() == Step.DATASTORE);
    }

    /**
     * Shows, as the process ends on Ctrl-C, where the apply was: the summary so far and each host
     * at work with its step and action. Nothing is undone: every step is safe to run again.
     */
    void interrupted(ApplySummary summary, List<RunningHosts.Activity> atWork, Path log) {
        table(summary);
        output.info(output.style().error("✗ ") + "apply interrupted (Ctrl-C or SIGTERM) after " + Elapsed.took(summary.total()) + "; "
                + count(summary.changes(), "change") + " made before");
        output.event("summary", summary.eventFields("interrupted", "run_log", log.toString()));
        for (RunningHosts.Activity activity : atWork) {
            output.error(activity.host() + ": step " + activity.step().title() + ": interrupted while at: "
                    + masker.mask(activity.action().isEmpty() ? "(starting)" : activity.action()));
        }
        output.error("what was done stays done; run 'k3j-install apply " + inventory + "' again to carry on from there "
                + "(a service stopped before it was ready is restarted then). The run log is " + log);
    }

    private void table(ApplySummary summary) {
        output.info("");
        output.info(output.style().heading("Summary"));
        summary.table(output.style()).forEach(output::info);
        output.info("");
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** The nodes as {@code kubectl get nodes} shows them. */
    static String nodeTable(List<Node> nodes) {
        int width = Math.max(4, nodes.stream().mapToInt(node -> node.name().length()).max().orElse(4)) + 3;
        StringBuilder table = new StringBuilder(String.format("%-" + width + "s%-10s%-24s%s%n", "NAME", "STATUS", "ROLES", "VERSION"));
        for (Node node : nodes) {
            table.append(String.format("%-" + width + "s%-10s%-24s%s%n", node.name(), node.ready() ? "Ready" : "NotReady",
                    node.rolesColumn(), node.version()));
        }
        return table.toString().stripTrailing();
    }
}
