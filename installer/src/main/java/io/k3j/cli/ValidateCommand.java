package io.k3j.cli;

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
        InventoryInput.load(inventory, context);
        return ExitCode.OK;
    }
}
