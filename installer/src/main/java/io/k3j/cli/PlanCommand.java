package io.k3j.cli;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.HostKnowledge;
import io.k3j.plan.Plan;
import io.k3j.plan.PlanPrinter;
import io.k3j.plan.Planner;
import io.k3j.render.TemplateRenderer;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan",
        header = "Show what apply would do.",
        description = "Prints what apply would do, per step and host, and every file it would write, secrets masked. "
                + "With --offline no host is touched: the plan comes from the inventory alone, assuming fresh amd64 hosts.")
public class PlanCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Option(names = "--offline", description = "Do not connect to any host: plan from the inventory alone.")
    boolean offline;

    @Option(names = "--no-files", description = "List the actions only, not the content of the files.")
    boolean noFiles;

    @Override
    protected ExitCode run(CommandContext context) {
        Inventory valid = InventoryInput.load(inventory, context);
        if (!offline) {
            throw new CliException(ExitCode.USAGE, "planning against the hosts' current state needs SSH, which this build "
                    + "does not have yet; run 'k3j-install plan --offline " + inventory + "'");
        }
        ClusterValues values = ClusterValues.offline(valid, new InventoryLoader(context.environment()::get).secrets(valid));
        Plan plan = new Planner(new TemplateRenderer()).plan(valid, values, HostKnowledge.OFFLINE);
        new PlanPrinter(context.output(), !noFiles).print(plan);
        context.output().info("");
        context.output().info("Then apply checks every node is Ready (k3s kubectl get nodes) and writes the kubeconfig, "
                + "pointed at " + valid.registration().url() + ".");
        return ExitCode.OK;
    }
}
