package io.k3j.cli;

import io.k3j.inventory.Inventory;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate",
        header = "Check an inventory; no host is touched.",
        description = "Checks an inventory without touching any host and lists every problem at once, "
                + "as file:line:column: key: message. Exit 3 when it is invalid.")
public class ValidateCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Override
    protected ExitCode run(CommandContext context) {
        Inventory valid = InventoryInput.load(inventory, context);
        int hosts = valid.allHosts().size();
        context.output().result(context.output().style().success("✓ ") + inventory + " is valid: cluster " + valid.name()
                + ", " + count(valid.servers().hosts().size(), "server") + ", " + count(valid.workers().hosts().size(), "worker")
                + ", " + count(hosts, "host") + " in all");
        return ExitCode.OK;
    }

    private static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }
}
