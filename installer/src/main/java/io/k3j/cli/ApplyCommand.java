package io.k3j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apply",
        header = "Make the hosts match the inventory (not available yet in this build).",
        description = {
            "Makes the hosts match the inventory over SSH, in the four steps: datastore, servers, fixed "
                    + "registration address, workers; then checks every node is Ready and writes the kubeconfig. "
                    + "Safe to run again: a second run changes nothing and says so.",
            "",
            "NOT AVAILABLE YET in this build: it validates the inventory and stops (exit 70). "
                    + "'plan --offline' shows what it will do."})
public class ApplyCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Mixin
    SshOptions ssh;

    @Option(names = "--dry-run", description = "Connect and gather facts, print what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write the cluster's kubeconfig (mode 0600; default: <cluster>.kubeconfig next to the inventory).")
    Path kubeconfig;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Run log: every command run on every host and its result, secrets masked "
                    + "(default: .k3j/logs/apply-<time>.log next to the inventory).")
    Path logFile;

    @Override
    protected ExitCode run(CommandContext context) {
        InventoryInput.load(inventory, context);
        throw new CliException(ExitCode.INTERNAL,
                "apply over SSH is not available in this build yet; 'k3j-install plan --offline "
                        + inventory + "' shows what it will do");
    }
}
