package io.k3j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kubeconfig",
        header = "Write the cluster's kubeconfig (not available yet in this build).",
        description = {
            "Fetches the cluster's kubeconfig from a server, points it at the fixed registration address, "
                    + "names its context after the cluster and writes it with mode 0600.",
            "",
            "NOT AVAILABLE YET in this build (exit 70)."})
public class KubeconfigCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Mixin
    SshOptions ssh;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write it (default: <cluster>.kubeconfig next to the inventory).")
    Path kubeconfig;

    @Option(names = "--merge", description = "Merge into an existing kubeconfig file instead of replacing it.")
    boolean merge;

    @Override
    protected ExitCode run(CommandContext context) {
        InventoryInput.load(inventory, context);
        throw new CliException(ExitCode.INTERNAL, "kubeconfig over SSH is not available in this build yet");
    }
}
