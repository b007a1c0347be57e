package io.k3j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan",
        header = "Show what apply would do.",
        description = "Prints what apply would do, per step and host, and every file it would write, secrets masked. "
                + "With --offline no host is touched.")
public class PlanCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Option(names = "--offline", description = "Do not connect to any host: plan from the inventory alone.")
    boolean offline;

    @Override
    protected ExitCode run(CommandContext context) {
        InventoryInput.load(inventory, context);
        return ExitCode.OK;
    }
}
