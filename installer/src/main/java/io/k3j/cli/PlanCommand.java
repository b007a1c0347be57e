package io.k3j.cli;

import io.k3j.apply.ApplyFailed;
import io.k3j.apply.ClusterApply;
import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.KeptSecrets;
import io.k3j.apply.SilentListener;
import io.k3j.apply.StepFailure;
import io.k3j.apply.WaveRunner;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.SecretResolver;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.HostKnowledge;
import io.k3j.plan.PlanPrinter;
import io.k3j.plan.Planner;
import io.k3j.plan.SecretMasker;
import io.k3j.render.TemplateRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan",
        header = "Show what apply would do.",
        description = {
            "Shows what apply would change, per step, wave and host, secrets masked: it is apply's own dry run. It "
                    + "connects to every host, gathers facts, runs the preflight, then goes through apply's steps reading "
                    + "the hosts (files, stamps, running units, installed packages) and changing nothing. Each change is a "
                    + "line: '+' to add (a new file with its content, a package, a service started), '~' to change (a "
                    + "file's diff, a service restarted and why), '-' to remove; '?' lines are the checks apply makes. "
                    + "After an apply, it says 'Nothing to do'.",
            "",
            "With --offline no host is touched: every action and file, from the inventory alone, assuming fresh amd64 "
                    + "hosts. --detailed-exitcode (as Terraform has it): exit 2 when changes are pending, 0 when there are "
                    + "none. --output json: one plan-action event per action, then one plan-summary event with the counts."})
public class PlanCommand extends BaseCommand {
    /** A dry run waits for nothing; only the commands' own time limits are derived from this. */
    private static final Duration DRY_RUN_WAITS = Duration.ofSeconds(300);

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Option(names = "--offline", description = "Do not connect to any host: plan from the inventory alone.")
    boolean offline;

    @Option(names = "--no-files", description = "List the actions only, not the content of the files.")
    boolean noFiles;

    @Option(names = "--detailed-exitcode",
            description = "Exit 2 when apply would change something, 0 when nothing is to do (for CI; errors keep their codes).")
    boolean detailedExitCode;

    @Mixin
    InventoryRunOptions run;

    @Mixin
    UpgradeOptions upgrade;

    @Override
    protected ExitCode run(CommandContext context) {
        if (!offline) {
            boolean pending = online(inventory, run, upgrade, noFiles, context);
            return pending && detailedExitCode ? ExitCode.CHANGES_PENDING : ExitCode.OK;
        }
        Inventory valid = DatastoreCertificatesStep.complete(InventoryInput.load(inventory, context), context);
        ClusterValues values = ClusterValues.offline(valid, new InventoryLoader(context.environment()::get).secrets(valid));
        new PlanPrinter(context.output(), !noFiles).print(new Planner(new TemplateRenderer()).plan(valid, values, HostKnowledge.OFFLINE));
        context.output().info("");
        context.output().info(afterwards(valid));
        return ExitCode.OK;
    }

    /**
     * The plan against the hosts (also {@code apply --dry-run}): apply's steps run dry, with the
     * kept secrets read back (none generated); says whether changes are pending.
     */
    static boolean online(Path inventory, InventoryRunOptions run, UpgradeOptions upgrade, boolean noFiles, CommandContext context) {
        Inventory valid = DatastoreCertificatesStep.complete(InventoryInput.load(inventory, context), context);
        Clock clock = Clock.systemUTC();
        Path log = run.logFile(valid, "plan", clock);
        SecretResolver resolver = new InventoryLoader(context.environment()::get).secrets(valid);
        try (ConnectedHosts hosts = HostSession.open(valid, run.ssh(), upgrade.rules(), HostSession.Purpose.PLAN, Optional.empty(),
                log, context, clock)) {
            ClusterValues values = ClusterValues.of(valid, resolver,
                    HostSession.keptSecrets(() -> KeptSecrets.read(valid, hosts), context));
            hosts.runLog().addSecrets(values.secrets());
            ClusterApply apply = new ClusterApply(valid, resolver, hosts, new WaveRunner(run.ssh().parallel(), clock), DRY_RUN_WAITS, clock)
                    .rollingOut(upgrade.rollout()).removing(HostSession.removals(valid, hosts, context))
                    .cleaning(HostSession.leftEtcdMembers(valid, hosts, context).reached());
            ClusterApply.DryRun dryRun;
            try {
                dryRun = apply.dryRun(values, SilentListener.INSTANCE);
            } catch (ApplyFailed e) {
                throw stopped(e.failures(), values.masker(), log, context);
            } catch (StepFailure e) {
                throw stopped(List.of(e), values.masker(), log, context);
            }
            new PlanChanges(context.output(), !noFiles).print(valid.name(), dryRun, afterwards(valid));
            CertificateWarnings.show(context.output(), dryRun.steps().stream().flatMap(step -> step.reports().stream()).toList(), inventory);
            return dryRun.changes() > 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted; no host was changed");
        }
    }

    /** A read the plan needs failed on a host: said per host, and the command ends; no host was changed. */
    private static CliException stopped(List<StepFailure> failures, SecretMasker masker, Path log, CommandContext context) {
        failures.forEach(failure -> {
            context.output().error(masker.mask(failure.describe()));
            context.output().event("plan-failed", "host", failure.host(), "step", failure.step().name().toLowerCase(),
                    "action", masker.mask(failure.action()), "problem", masker.mask(failure.getMessage()));
        });
        return new CliException(ExitCode.APPLY_FAILED, "the plan could not read what it needs from "
                + (failures.size() == 1 ? "a host" : failures.size() + " hosts") + " (each said above); no host was changed. "
                + "The run log is " + log);
    }

    static String afterwards(Inventory valid) {
        return "Then apply checks every node is Ready (k3s kubectl get nodes) and writes the kubeconfig, pointed at "
                + valid.registration().url() + ".";
    }
}
