package io.k3j.cli;

import io.k3j.apply.ApplyFailed;
import io.k3j.apply.ClusterApply;
import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.StepFailure;
import io.k3j.apply.WaveRunner;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.lock.ClusterLease;
import io.k3j.lock.LockTaken;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.Removal;
import io.k3j.plan.SecretMasker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply",
        header = "Make the hosts match the inventory.",
        description = {
            "Makes the hosts match the inventory over SSH, in the four steps: datastore, servers, fixed "
                    + "registration address, workers; then sets the nodes' labels and taints through the API (k3j-install's own only, "
                    + "no restart), checks every node is Ready with its role, labels and taints, "
                    + "and writes the kubeconfig, pointed at the registration address.",
            "",
            "Nothing is changed until every host answered and passed the preflight. Safe to run again: a host "
                    + "that already matches is not touched (no file rewritten, no service restarted), and a run cut "
                    + "short carries on from what is there. A generated token, agent token and datastore password are kept on "
                    + "the hosts and read back by the next run (every server must agree). Running servers restart one at a "
                    + "time, each taken out of the HAProxy k3j-install runs (drain) first and put back once it serves; agents join "
                    + "with the agent token, never the server token.",
            "",
            "A sixth step removes the hosts k3j-install installed that the inventory no longer names (drain, uninstall K3s, "
                    + "delete the node; the servers keep the record of them), only with --prune or a yes on a terminal; "
                    + "elsewhere apply stops with exit 2 naming them, before any change (docs/operations.md). The members of "
                    + "a provisioned etcd cluster change there too: a new one joins in step 1 (added as a learner, started, "
                    + "promoted, one at a time), one taken out of provision.hosts leaves in step 6, with --prune as a host does "
                    + "(docs/datastore.md).",
            "",
            "On a terminal, a live line per host at work shows the action it is on, what it waits for and for how long; "
                    + "elsewhere (pipes, files, CI, TERM=dumb) each host gets a plain line as it ends. At the end: a summary "
                    + "table per host, the nodes, the kubeconfig and the commands to run next. --output json prints one event "
                    + "per line instead (step, host, action, summary; see docs/cli.md)."})
public class ApplyCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Mixin
    InventoryRunOptions run;

    @Mixin
    UpgradeOptions upgrade;

    @Option(names = "--dry-run", description = "Go through apply's steps reading the hosts, print what would change (as 'plan'), "
            + "change nothing.")
    boolean dryRun;

    @Option(names = "--detailed-exitcode",
            description = "With --dry-run: exit 2 when apply would change something, 0 when nothing is to do (as plan's).")
    boolean detailedExitCode;

    @Option(names = "--prune", description = "Remove the hosts k3j-install manages that the inventory no longer names: drain, "
            + "uninstall K3s, delete the node (step 6); and the etcd members provision.hosts no longer names: removed from "
            + "the cluster, k3j-etcd and its data taken off their hosts. Without it, apply asks on a terminal and stops "
            + "elsewhere (exit 2), naming them, before any change.")
    boolean prune;

    @Option(names = "--force", description = "With --prune: a removed host that cannot be reached is deleted from the cluster "
            + "anyway, and reported as not cleaned.")
    boolean force;

    @Mixin
    KubeconfigOptions kubeconfig;

    @Mixin
    ClusterChangeOptions change;

    @Override
    protected ExitCode run(CommandContext context) {
        if (detailedExitCode && !dryRun) {
            throw new CliException(ExitCode.USAGE, "--detailed-exitcode goes with --dry-run (an apply makes its changes; "
                    + "'plan --detailed-exitcode' asks the same of the plan)");
        }
        if (dryRun) {
            boolean pending = PlanCommand.online(inventory, run, upgrade, false, context);
            return pending && detailedExitCode ? ExitCode.CHANGES_PENDING : ExitCode.OK;
        }
        Inventory valid = DatastoreCertificatesStep.complete(InventoryInput.load(inventory, context), context);
        Clock clock = Clock.systemUTC();
        Path log = run.logFile(valid, "apply", clock);
        try (ConnectedHosts hosts = HostSession.open(valid, run.ssh(), upgrade.rules(), HostSession.Purpose.APPLY,
                Optional.of(change.lock()), log, context, clock);
             ClusterLease lease = new ClusterLease(hosts.host(valid.servers().hosts().get(0).address()),
                     LockOptions.holder(context.environment(), clock), ClusterLease.durationFor(change.readyLimit()), clock,
                     pause -> Thread.sleep(pause.toMillis()), context.output())) {
            takeLeaseIfTheClusterAnswers(lease, change.lock().waitLimit());
            List<Removal> removals = new PruneConsent(prune, force, context).removals(HostSession.removals(valid, hosts, context),
                    hosts.unreachable());
            HostSession.LeftMembers left = HostSession.leftEtcdMembers(valid, hosts, context);
            new PruneConsent(prune, force, context).etcdMembers(left.described());
            ClusterApply apply = new ClusterApply(valid, new InventoryLoader(context.environment()::get).secrets(valid), hosts,
                    new WaveRunner(run.ssh().parallel(), clock), change.readyLimit(), clock).rollingOut(upgrade.rollout())
                    .removing(removals).cleaning(left.reached());
            ClusterValues values = HostSession.keptSecrets(apply::values, context);
            SecretMasker masker = values.masker();
            ApplyTally tally = new ApplyTally();
            ApplyEnding ending = new ApplyEnding(context.output(), inventory, masker);
            Instant start = clock.instant();
            Supplier<ApplySummary> summary = () -> new ApplySummary(tally.entries(), Duration.between(start, clock.instant()), masker);
            ClusterApply.Result result;
            try {
                try (ProgressDisplay display = ProgressDisplay.open(context, masker, tally, clock)) {
                    Thread onCtrlC = new Thread(() -> {
                        display.stopDrawing();
                        ending.interrupted(summary.get(), display.atWork(), log);
                    }, "k3j-apply-interrupted");
                    Runtime.getRuntime().addShutdownHook(onCtrlC);
                    try {
                        // a new cluster answers once its servers are up: its Lease is taken then
                        result = apply.run(values, display.listener(), () -> lease.take(change.lock().waitLimit()));
                    } finally {
                        removeShutdownHook(onCtrlC);
                    }
                }
            } catch (ApplyFailed e) {
                throw ending.stopped(summary.get(), e.failures(), log);
            } catch (StepFailure e) {
                throw ending.stopped(summary.get(), List.of(e), log);
            }
            Path written = kubeconfig.write(valid, result.kubeconfig());
            ending.applied(summary.get(), result.nodes(), valid.name(), valid.registration().url(), written);
            PruneConsent.notCleaned(removals, valid.servers().hosts().get(0).address()).forEach(context.output()::warning);
            CertificateWarnings.show(context.output(), result.reports(), inventory);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted; the next apply carries on from what is there");
        }
        return ExitCode.OK;
    }

    /**
     * The cluster's apply Lease, after the host locks, if the cluster answers (otherwise once its
     * servers are up); another run's stops the command before any change (exit 4), naming it.
     */
    private static void takeLeaseIfTheClusterAnswers(ClusterLease lease, Duration wait) throws InterruptedException {
        try {
            lease.takeIfAnswering(wait);
        } catch (LockTaken e) {
            throw new CliException(ExitCode.PREFLIGHT_FAILED, e.getMessage() + "; no host was changed. " + (e.byAnotherRun()
                    ? "Let that run end, or run again with --wait-for-lock; a Lease its run stopped renewing is taken over once it "
                    + "lapses (docs/operations.md#the-apply-lock)"
                    : "Fix that server and run again (docs/operations.md#the-apply-lock)"));
        }
    }

    /** Once the JVM is going down (Ctrl-C), the hook runs and can no longer be removed. */
    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it tells where the apply was
        }
    }
}
