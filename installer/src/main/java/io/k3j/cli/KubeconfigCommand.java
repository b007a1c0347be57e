package io.k3j.cli;

import io.k3j.apply.ConnectedHosts;
import io.k3j.inventory.Inventory;
import io.k3j.kubeconfig.Kubeconfig;
import io.k3j.plan.Paths;
import java.nio.charset.StandardCharsets;
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
            String server = valid.servers().hosts().get(0).address();
            String k3sYaml = hosts.host(server).readFile(Paths.KUBECONFIG).map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new CliException(ExitCode.APPLY_FAILED, server + ": " + Paths.KUBECONFIG
                            + " does not exist: K3s is not set up there yet; run 'k3j-install apply " + inventory + "'"));
            written = kubeconfig.write(valid, Kubeconfig.parse(k3sYaml).forOperator(valid.name(), valid.registration().url()));
        }
        context.output().result("kubeconfig: " + written + " (context " + valid.name() + ", server " + valid.registration().url() + ")");
        context.output().event("kubeconfig", "path", written.toString(), "context", valid.name());
        return ExitCode.OK;
    }
}
