package io.k3j.cli;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.OperatorKubeconfig;
import io.k3j.apply.StepFailure;
import io.k3j.inventory.Inventory;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    InventoryRunOptions run;

    @Mixin
    KubeconfigOptions kubeconfig;

    @Override
    protected ExitCode run(CommandContext context) {
        Inventory valid = InventoryInput.load(inventory, context);
        Clock clock = Clock.systemUTC();
        Path log = run.logFile(valid, "kubeconfig", clock);
        Path written;
        try (ConnectedHosts hosts = HostSession.open(valid, run.ssh(), log, context, clock)) {
            written = kubeconfig.write(valid, OperatorKubeconfig.read(valid, hosts));
        } catch (StepFailure e) {
            throw new CliException(ExitCode.APPLY_FAILED, e.describe());
        }
        context.output().result("kubeconfig: " + written + " (context " + valid.name() + ", server " + valid.registration().url() + ")");
        context.output().event("kubeconfig", "path", written.toString(), "context", valid.name());
        return ExitCode.OK;
    }
}
