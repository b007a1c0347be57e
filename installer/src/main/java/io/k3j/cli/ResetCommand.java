package io.k3j.cli;

import io.k3j.apply.ClusterApply;
import io.k3j.apply.ClusterReset;
import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.InterpretedRun;
import io.k3j.apply.SilentListener;
import io.k3j.apply.StepRun;
import io.k3j.apply.WaveRunner;
import io.k3j.inventory.Inventory;
import io.k3j.output.Output;
import io.k3j.plan.ResetPlanner;
import io.k3j.plan.SecretMasker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reset", modelTransformer = ResetCommand.UninstallTimeout.class,
        header = "Take the cluster down: K3s off every host, and what k3j-install set up for it.",
        description = {
            "Removes K3s from every host of the inventory with the uninstall scripts k3j-install puts on the nodes "
                    + "(k3s-agent-uninstall.sh on the workers, then k3s-uninstall.sh on the servers: the unit, /etc/rancher, "
                    + "/var/lib/rancher, the binary and its links); then what k3j-install set up for the registration address "
                    + "(HAProxy, keepalived: stopped, disabled, their configuration removed); with --datastore also the datastore it "
                    + "provisioned (etcd: k3j-etcd, its configuration, certificates and data; PostgreSQL or MariaDB: the database "
                    + "and user the inventory names, the settings, pg_hba.conf lines and certificates k3j-install wrote, the server "
                    + "restarted on its own configuration); last, k3j-install's own state on each "
                    + "host (/var/lib/k3j, /etc/k3j: stamps, the package record, set-up scripts, a kept password).",
            "",
            "Packages are purged only where k3j-install installed them (its record on the host); a package that was there "
                    + "before stays, and the output says so, as it says everything else left: an existing datastore and the "
                    + "cluster's data in it, a provisioned one without --datastore, what is on this machine (.k3j/, the "
                    + "kubeconfig). --dry-run shows every action, as plan does, and changes nothing.",
            "",
            "It asks for the cluster's name on a terminal; without one (CI) it needs --yes, else it stops with exit 2 "
                    + "before touching anything. Hosts that cannot be reached are named and the others still reset: exit 6 "
                    + "(partial); run it again once they are back."})
public class ResetCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Option(names = "--datastore", description = "Also remove the datastore k3j-install provisioned (etcd's data, or the "
            + "PostgreSQL/MariaDB database and user the inventory names), with the cluster's data in it; never an existing one.")
    boolean datastore;

    @Option(names = "--dry-run", description = "Show what reset would do, per step and host, and change nothing.")
    boolean dryRun;

    @Mixin
    ConfirmationOption confirmation;

    @Mixin
    InventoryRunOptions run;

    @Mixin
    ClusterChangeOptions change;

    /**
     * Reset starts nothing that it waits for: the shared {@code --ready-timeout} bounds its uninstall
     * scripts instead, and its help says so; the option stays the one of {@link ClusterChangeOptions}.
     */
    static final class UninstallTimeout implements IModelTransformer {
        static final String DESCRIPTION = "How long an uninstall script may take on a host before failing (default: ${DEFAULT-VALUE}).";

        @Override
        public CommandSpec transform(CommandSpec reset) {
            OptionSpec shared = reset.findOption("--ready-timeout");
            reset.remove(shared);
            reset.addOption(shared.toBuilder().description(DESCRIPTION).build());
            return reset;
        }
    }

    @Override
    protected ExitCode run(CommandContext context) {
        Inventory valid = InventoryInput.load(inventory, context);
        if (!dryRun) {
            confirmation.require(context, valid.name(), "Reset removes K3s" + (datastore
                    ? " and the datastore" : "") + " from every host of " + valid.name() + "; its workloads and data are lost.",
                    "reset removes " + valid.name() + " from its hosts");
        }
        Clock clock = Clock.systemUTC();
        Path log = run.logFile(valid, "reset", clock);
        Output output = context.output();
        try (ConnectedHosts hosts = HostSession.openReachable(valid, run.ssh(),
                dryRun ? Optional.empty() : Optional.of(change.lock()), log, context, clock)) {
            Map<String, String> unreachable = hosts.unreachable();
            unreachable.forEach((address, problem) -> {
                output.error(problem);
                output.event("host-unreachable", "host", address, "message", problem);
            });
            ClusterReset reset = new ClusterReset(new InterpretedRun(valid, hosts, new WaveRunner(run.ssh().parallel(), clock),
                    change.readyLimit(), clock));
            ResetPlanner.Plan plan = reset.plan(datastore);
            List<String> left = left(valid, plan);
            SecretMasker masker = new SecretMasker(List.of());
            if (dryRun) {
                List<StepRun> steps = InterpretedSteps.runOrEnd(() -> reset.dryRun(plan, SilentListener.INSTANCE),
                        masker, context, "reset-failed", ending(log));
                new PlanChanges(output, false).print(valid.name(), new ClusterApply.DryRun(steps, masker), afterwards(left, unreachable));
                return unreachable.isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
            }
            ApplyTally tally = new ApplyTally();
            Instant start = clock.instant();
            try (ProgressDisplay display = ProgressDisplay.open(context, masker, tally, clock)) {
                InterpretedSteps.runOrEnd(() -> reset.run(plan, display.listener()),
                        masker, context, "reset-failed", ending(log));
            }
            ApplySummary summary = new ApplySummary(tally.entries(), Duration.between(start, clock.instant()), masker);
            output.info("");
            summary.table(output.style()).forEach(output::info);
            output.result(output.style().success("✓ ") + "reset " + valid.name() + ": " + hosts.allFacts().size() + " hosts in "
                    + Elapsed.took(summary.total()));
            output.result(afterwards(left, unreachable));
            output.event("reset", "cluster", valid.name(), "hosts", List.copyOf(hosts.allFacts().keySet()),
                    "unreachable", List.copyOf(unreachable.keySet()), "left", left);
            return unreachable.isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted: the hosts before the one at work were reset; run the reset "
                    + "again to finish (it carries on from what is there)");
        }
    }

    /** What stays: the plan's, and what this machine keeps beside the inventory. */
    private static List<String> left(Inventory valid, ResetPlanner.Plan plan) {
        List<String> left = new ArrayList<>(plan.left());
        left.add("on this machine: " + valid.directory().resolve(".k3j") + " (run logs, backups, the datastore's certificates) and the "
                + "kubeconfig apply wrote");
        return left;
    }

    private static String afterwards(List<String> left, Map<String, String> unreachable) {
        StringBuilder text = new StringBuilder("Left as it is:");
        left.forEach(line -> text.append("\n  - ").append(line));
        if (!unreachable.isEmpty()) {
            text.append("\nNot reset, could not be reached (said above): ").append(String.join(", ", unreachable.keySet()))
                    .append("; run the reset again once ").append(unreachable.size() == 1 ? "it is" : "they are").append(" back");
        }
        return text.toString();
    }

    /** What the run's last error says when a step failed. */
    private String ending(Path log) {
        return dryRun ? "the dry run could not read what it needs; no host was changed. The run "
                + "log is " + log : "reset stopped: the steps before the failed one are done; fix the cause and run it again (it "
                + "carries on from what is there). The run log is " + log;
    }
}
