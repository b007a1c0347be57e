package io.k3j.cli;

import io.k3j.apply.ApplyFailed;
import io.k3j.apply.ClusterApply;
import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.Node;
import io.k3j.apply.StepFailure;
import io.k3j.apply.WaveRunner;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.kubeconfig.KubeconfigFile;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.SecretMasker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply",
        header = "Make the hosts match the inventory.",
        description = {
            "Makes the hosts match the inventory over SSH, in the four steps: datastore, servers, fixed "
                    + "registration address, workers; then checks every node is Ready with its role, labels and taints, "
                    + "and writes the kubeconfig, pointed at the registration address.",
            "",
            "Nothing is changed until every host answered and passed the preflight. Safe to run again: a host "
                    + "that already matches is not touched (no file rewritten, no service restarted), and a run cut "
                    + "short carries on from what is there. A generated token and datastore password are kept on the "
                    + "hosts and read back by the next run."})
public class ApplyCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Mixin
    SshOptions ssh;

    @Option(names = "--dry-run", description = "Connect and gather facts, print what would change (as 'plan'), change nothing.")
    boolean dryRun;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write the cluster's kubeconfig (mode 0600; default: <cluster>.kubeconfig next to the inventory).")
    Path kubeconfig;

    @Option(names = "--merge-kubeconfig", description = "Merge into the kubeconfig file there instead of replacing it.")
    boolean mergeKubeconfig;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for software to become ready on a host (K3s, a node, a datastore) "
                    + "before failing (default: ${DEFAULT-VALUE}).")
    long readyTimeout;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Run log: every command run on every host and its result, secrets masked "
                    + "(default: .k3j/logs/apply-<time>.log next to the inventory).")
    Path logFile;

    @Override
    protected ExitCode run(CommandContext context) {
        if (dryRun) {
            return PlanCommand.online(inventory, ssh, logFile, false, context);
        }
        Inventory valid = InventoryInput.load(inventory, context);
        Clock clock = Clock.systemUTC();
        Path log = logFile != null ? logFile : RunLogs.defaultPath(valid, "apply", clock);
        Output output = context.output();
        try (ConnectedHosts hosts = HostSession.open(valid, ssh, log, context, clock)) {
            ClusterApply apply = new ClusterApply(valid, new InventoryLoader(context.environment()::get).secrets(valid), hosts,
                    new WaveRunner(ssh.parallel(), clock), Duration.ofSeconds(readyTimeout), clock);
            ClusterValues values = apply.values();
            SecretMasker masker = values.masker();
            ApplyTally tally = new ApplyTally();
            Instant start = clock.instant();
            ClusterApply.Result result;
            try {
                try (ProgressDisplay display = ProgressDisplay.open(context, masker, tally, clock)) {
                    result = apply.run(values, display.listener());
                }
            } catch (ApplyFailed e) {
                throw stopped(output, new ApplySummary(tally.entries(), Duration.between(start, clock.instant()), masker), e.failures(),
                        masker, log);
            } catch (StepFailure e) {
                throw stopped(output, new ApplySummary(tally.entries(), Duration.between(start, clock.instant()), masker), List.of(e),
                        masker, log);
            }
            Path written = kubeconfig != null ? kubeconfig : valid.directory().resolve(valid.name() + ".kubeconfig");
            KubeconfigFile.write(written, result.kubeconfig(), mergeKubeconfig);
            applied(output, valid, result, new ApplySummary(tally.entries(), Duration.between(start, clock.instant()), masker), written);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted; the next apply carries on from what is there");
        }
        return ExitCode.OK;
    }

    private void applied(Output output, Inventory inventory, ClusterApply.Result result, ApplySummary summary, Path kubeconfig) {
        Style style = output.style();
        output.info("");
        output.info(style.heading("Summary"));
        summary.table(style).forEach(output::info);
        output.info("");
        long changed = summary.changes();
        String took = " (" + summary.rows().size() + " hosts, " + Elapsed.took(summary.total()) + ")";
        output.result(changed == 0
                ? style.success("✓ ") + "no changes: every host already matched the inventory" + took
                : style.success("✓ ") + "applied " + changed + " change" + (changed == 1 ? "" : "s") + " on " + summary.hostsChanged()
                + " of " + summary.rows().size() + " hosts in " + Elapsed.took(summary.total()));
        output.info("");
        output.info(nodeTable(result.nodes()));
        output.info("");
        output.result("kubeconfig: " + kubeconfig + " (context " + inventory.name() + ", server " + inventory.registration().url() + ")");
        output.info("next:");
        output.info("  kubectl --kubeconfig " + kubeconfig + " get nodes" + style.faint("   # the cluster, through the registration address"));
        output.info("  k3j-install plan " + this.inventory + style.faint("   # shows nothing pending; apply again changes nothing"));
        output.event("applied", "cluster", inventory.name(), "changed", changed, "kubeconfig", kubeconfig.toString(),
                "nodes", result.nodes().stream().map(node -> Map.of("name", node.name(), "ready", node.ready(),
                        "roles", node.rolesColumn())).toList());
        output.event("summary", summary.eventFields("ok", "kubeconfig", kubeconfig.toString()));
    }

    /** The summary of an apply that stopped, each failure as an error (host, step, action, problem, fix), and how to carry on. */
    private CliException stopped(Output output, ApplySummary summary, List<StepFailure> failures, SecretMasker masker, Path log) {
        Style style = output.style();
        output.info("");
        output.info(style.heading("Summary"));
        summary.table(style).forEach(output::info);
        output.info("");
        output.info(style.error("✗ ") + "apply stopped in step " + failures.get(0).step().title() + ": " + failures.size() + " host"
                + (failures.size() == 1 ? "" : "s") + " failed; " + summary.changes() + " change" + (summary.changes() == 1 ? "" : "s")
                + " made before, in " + Elapsed.took(summary.total()));
        output.event("summary", summary.eventFields("failed", "run_log", log.toString()));
        failures.forEach(failure -> output.error(masker.mask(failure.describe())));
        return new CliException(ExitCode.APPLY_FAILED, "to resume, fix the cause and run 'k3j-install apply " + inventory
                + "' again: it carries on from what is there. The run log is " + log);
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
