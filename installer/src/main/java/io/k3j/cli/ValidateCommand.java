package io.k3j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate",
        description = {"Check an inventory without touching any host: every problem at once, as file:line:column."})
public class ValidateCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Override
    protected ExitCode run(CommandContext context) {
        InventoryInput.load(inventory, context);
        return ExitCode.OK;
    }
}
