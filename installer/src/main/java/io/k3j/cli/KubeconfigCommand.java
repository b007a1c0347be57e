package io.k3j.cli;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.OperatorKubeconfig;
import io.k3j.apply.StepFailure;
import io.k3j.inventory.Inventory;
import io.k3j.kubeconfig.KubeconfigFile;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "kubeconfig",
        header = "Write the cluster's kubeconfig.",
        description = {
            "Fetches the cluster's kubeconfig from a server, points it at the fixed registration address, "
                    + "names its context after the cluster and writes it with mode 0600 (apply does the same at its end). "
                    + "Changes nothing on any host."})
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

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Run log of every command run on the hosts (default: .k3j/logs/kubeconfig-<time>.log next to the inventory).")
    Path logFile;

    @Override
    protected ExitCode run(CommandContext context) {
        Inventory valid = InventoryInput.load(inventory, context);
        Clock clock = Clock.systemUTC();
        Path log = logFile != null ? logFile : RunLogs.defaultPath(valid, "kubeconfig", clock);
        Path written = kubeconfig != null ? kubeconfig : valid.directory().resolve(valid.name() + ".kubeconfig");
        try (ConnectedHosts hosts = HostSession.open(valid, ssh, log, context, clock)) {
            KubeconfigFile.write(written, OperatorKubeconfig.read(valid, hosts), merge);
        } catch (StepFailure e) {
            throw new CliException(ExitCode.APPLY_FAILED, e.describe());
        }
        context.output().result("kubeconfig: " + written + " (context " + valid.name() + ", server " + valid.registration().url() + ")");
        context.output().event("kubeconfig", "path", written.toString(), "context", valid.name());
        return ExitCode.OK;
    }
}
