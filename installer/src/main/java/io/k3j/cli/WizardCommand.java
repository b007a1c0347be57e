package io.k3j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "wizard",
        header = "Ask through the four steps and write the inventory (not available yet in this build).",
        description = {
            "Walks through the four steps of a K3s HA install in the terminal (datastore, servers, fixed "
                    + "registration address, workers), checks each answer as it is given, writes the inventory "
                    + "and offers to apply it.",
            "",
            "NOT AVAILABLE YET in this build (exit 70): start from an example in inventories/."})
public class WizardCommand extends BaseCommand {

    @Option(names = "--from", paramLabel = "INVENTORY", description = "Start from an existing inventory: its answers are the defaults.")
    Path from;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Take every answer from this YAML file and ask nothing (for scripts and CI).")
    Path answers;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "inventory.yaml",
            description = "Where to write the inventory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    protected ExitCode run(CommandContext context) {
        if (!context.interactive() && answers == null) {
            throw new CliException(ExitCode.USAGE,
                    "the wizard needs a terminal to ask its questions (CI=true, --non-interactive or no terminal on stdin); "
                            + "give every answer with --answers FILE, or use 'k3j-install apply INVENTORY'");
        }
        throw new CliException(ExitCode.INTERNAL, "the wizard is not available in this build yet; start from an example in inventories/");
    }
}
