package io.k3j.cli;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.FactsKnowledge;
import io.k3j.apply.KeptSecrets;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.CurrentFiles;
import io.k3j.plan.HostKnowledge;
import io.k3j.plan.Plan;
import io.k3j.plan.PlanPrinter;
import io.k3j.plan.Planner;
import io.k3j.render.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan",
        header = "Show what apply would do.",
        description = "Prints what apply would do, per step and host, and every file it would write, secrets masked. "
                + "It connects to every host (read only), gathers facts, runs the preflight checks and shows each file "
                + "as new, changed (with a diff) or unchanged. With --offline no host is touched: the plan comes from the "
                + "inventory alone, assuming fresh amd64 hosts.")
public class PlanCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Option(names = "--offline", description = "Do not connect to any host: plan from the inventory alone.")
    boolean offline;

    @Option(names = "--no-files", description = "List the actions only, not the content of the files.")
    boolean noFiles;

    @Mixin
    SshOptions ssh;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Run log of every command run on the hosts, secrets masked (default: .k3j/logs/plan-<time>.log "
                    + "next to the inventory).")
    Path logFile;

    @Override
    protected ExitCode run(CommandContext context) {
        if (!offline) {
            return online(inventory, ssh, logFile, noFiles, context);
        }
        Inventory valid = DatastoreCertificatesStep.complete(InventoryInput.load(inventory, context), context);
        ClusterValues values = ClusterValues.offline(valid, new InventoryLoader(context.environment()::get).secrets(valid));
        print(context, valid, new Planner(new TemplateRenderer()).plan(valid, values, HostKnowledge.OFFLINE), Optional.empty(), noFiles);
        return ExitCode.OK;
    }

    /** The plan against the hosts (also {@code apply --dry-run}): facts, kept secrets, and each file compared with the host's. */
    static ExitCode online(Path inventory, SshOptions ssh, Path logFile, boolean noFiles, CommandContext context) {
        Inventory valid = DatastoreCertificatesStep.complete(InventoryInput.load(inventory, context), context);
        Clock clock = Clock.systemUTC();
        Path log = logFile != null ? logFile : RunLogs.defaultPath(valid, "plan", clock);
        try (ConnectedHosts hosts = HostSession.open(valid, ssh, log, context, clock)) {
            ClusterValues values = ClusterValues.of(valid, new InventoryLoader(context.environment()::get).secrets(valid),
                    HostSession.keptSecrets(() -> KeptSecrets.read(valid, hosts), context));
            hosts.runLog().addSecrets(values.secrets());
            Plan plan = new Planner(new TemplateRenderer()).plan(valid, values, new FactsKnowledge(hosts.allFacts()));
            CurrentFiles current = (host, path) -> Optional.ofNullable(hosts.host(host)).flatMap(connected -> connected.readFile(path))
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
            print(context, valid, plan, Optional.of(current), noFiles);
        }
        return ExitCode.OK;
    }

    private static void print(CommandContext context, Inventory valid, Plan plan, Optional<CurrentFiles> current, boolean noFiles) {
        new PlanPrinter(context.output(), !noFiles, current).print(plan);
        context.output().info("");
        context.output().info("Then apply checks every node is Ready (k3s kubectl get nodes) and writes the kubeconfig, "
                + "pointed at " + valid.registration().url() + ".");
    }
}
