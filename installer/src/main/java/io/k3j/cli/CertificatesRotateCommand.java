package io.k3j.cli;

import io.k3j.apply.CertificateRotation;
import io.k3j.apply.ClusterApply;
import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.InterpretedRun;
import io.k3j.apply.SilentListener;
import io.k3j.apply.StepFailure;
import io.k3j.apply.StepRun;
import io.k3j.apply.WaveRunner;
import io.k3j.certificates.RotationServices;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.output.Output;
import io.k3j.plan.SecretMasker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rotate",
        header = "Renew K3s' certificates now: servers one at a time, then agents.",
        description = {
            "Renews the certificates of the cluster's K3s now, as docs.k3s.io cli/certificate says: each server in turn "
                    + "is taken out of the HAProxy k3j-install runs (drain), stopped, rotated ('k3s certificate rotate', which "
                    + "keeps the old ones in server/tls-<time>) and started, with new certificates and keys, and is serving "
                    + "again (its node Ready, /readyz through the registration address; then back in HAProxy) before the next "
                    + "one stops; then the agents are restarted together, each getting new certificates from the servers at "
                    + "its start. The CAs are kept.",
            "",
            "Then the kubeconfig apply writes is written again from the first server, since it holds that server's admin "
                    + "client certificate; left as it is when the first server or the admin certificate was not rotated "
                    + "(--hosts, --service), and the run says so. --dry-run shows what would be done, as plan does, and changes "
                    + "nothing. Nothing is changed until every host answered and passed the preflight."})
public class CertificatesRotateCommand implements Callable<Integer> {

    @ParentCommand
    CertificatesCommand parent;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Option(names = "--hosts", paramLabel = "HOST", split = ",",
            description = "Only these servers and workers (address or name, comma-separated; default: every one).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--service", paramLabel = "SERVICE", split = ",",
            description = "Only the certificates of these services (as 'k3s certificate rotate --service': admin, api-server, "
                    + "controller-manager, scheduler, etcd, k3s-controller, auth-proxy, cloud-controller, kubelet, kube-proxy, "
                    + "k3s-server, supervisor; default: all). Agents are restarted only for kubelet, kube-proxy or k3s-controller.")
    List<String> services = new ArrayList<>();

    @Option(names = "--dry-run", description = "Show what would be done, per step and host, and change nothing.")
    boolean dryRun;

    @Mixin
    InventoryRunOptions run;

    @Mixin
    KubeconfigOptions kubeconfig;

    @Mixin
    ClusterChangeOptions change;

    @Override
    public Integer call() {
        return run(parent.context()).code();
    }

    private ExitCode run(CommandContext context) {
        List<String> unknown = services.stream().filter(service -> !RotationServices.ALL.contains(service)).toList();
        if (!unknown.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "--service " + String.join(",", unknown) + ": K3s knows no such service; it knows "
                    + String.join(", ", RotationServices.ALL));
        }
        Inventory valid = InventoryInput.load(inventory, context);
        Set<String> chosen = chosen(valid);
        Clock clock = Clock.systemUTC();
        Path log = run.logFile(valid, "certificates", clock);
        try (ConnectedHosts connected = dryRun ? HostSession.open(valid, run.ssh(), log, context, clock)
                : HostSession.openLocked(valid, run.ssh(), change.lock(), log, context, clock)) {
            CertificateRotation rotation = new CertificateRotation(new InterpretedRun(valid, connected,
                    new WaveRunner(run.ssh().parallel(), clock), change.readyLimit(), clock));
            List<String> withoutK3s = rotation.withoutK3s(chosen);
            if (!withoutK3s.isEmpty()) {
                throw new CliException(ExitCode.PREFLIGHT_FAILED, String.join(", ", withoutK3s) + (withoutK3s.size() == 1 ? " has" : " have")
                        + " no K3s yet: run 'k3j-install apply " + inventory + "' first, or leave " + (withoutK3s.size() == 1 ? "it" : "them")
                        + " out with --hosts; no host was changed");
            }
            SecretMasker masker = new SecretMasker(List.of());
            if (dryRun) {
                List<StepRun> steps = InterpretedSteps.runOrEnd(() -> rotation.dryRun(chosen, services, SilentListener.INSTANCE),
                        masker, context, "certificates-failed", ending(log));
                new PlanChanges(context.output(), false).print(valid.name(), new ClusterApply.DryRun(steps, masker), afterwards(valid, chosen));
                return ExitCode.OK;
            }
            ApplyTally tally = new ApplyTally();
            Instant start = clock.instant();
            try (ProgressDisplay display = ProgressDisplay.open(context, masker, tally, clock)) {
                InterpretedSteps.runOrEnd(() -> rotation.run(chosen, services, display.listener()),
                        masker, context, "certificates-failed", ending(log));
            }
            ApplySummary summary = new ApplySummary(tally.entries(), Duration.between(start, clock.instant()), masker);
            Output output = context.output();
            output.info("");
            summary.table(output.style()).forEach(output::info);
            output.result(output.style().success("✓ ") + "certificates renewed on " + summary.hostsChanged() + " hosts in "
                    + Elapsed.took(summary.total()));
            Optional<Path> written = refreshKubeconfig(valid, chosen, rotation, output);
            output.event("certificates-rotated", "cluster", valid.name(), "hosts", List.copyOf(chosen), "services", services,
                    "kubeconfig", written.map(Path::toString).orElse(""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted: the hosts before the one at work were renewed; a K3s stopped "
                    + "for its rotation is started again by the host's script");
        }
        return ExitCode.OK;
    }

    /** The inventory's servers and workers --hosts names (all without it); a name that is none of them is a usage error. */
    private Set<String> chosen(Inventory valid) {
        List<Host> nodes = new ArrayList<>(valid.servers().hosts());
        nodes.addAll(valid.workers().hosts());
        Set<String> chosen = new LinkedHashSet<>();
        for (String wanted : hosts) {
            Host host = nodes.stream().filter(node -> node.address().equals(wanted) || node.name().filter(wanted::equals).isPresent())
                    .findFirst().orElseThrow(() -> new CliException(ExitCode.USAGE, "--hosts " + wanted + ": no server or worker of "
                            + inventory + " has that address or name"));
            chosen.add(host.address());
        }
        if (chosen.isEmpty()) {
            nodes.forEach(node -> chosen.add(node.address()));
        }
        return chosen;
    }

    /**
     * The kubeconfig holds the first server's admin client certificate: written again when that one was
     * rotated, else left alone, and the reason said.
     */
    private Optional<Path> refreshKubeconfig(Inventory valid, Set<String> chosen, CertificateRotation rotation, Output output) {
        Path written = kubeconfig.path(valid);
        String first = valid.servers().hosts().get(0).address();
        if (!chosen.contains(first) || !RotationServices.rotateAdmin(services)) {
            output.result("kubeconfig: " + written + " left as it is: its admin client certificate is " + first + "'s, which this run "
                    + (chosen.contains(first) ? "did not rotate (--service without admin)" : "left out (--hosts)"));
            return Optional.empty();
        }
        try {
            kubeconfig.write(valid, rotation.kubeconfig());
        } catch (StepFailure e) {
            throw new CliException(ExitCode.APPLY_FAILED, e.describe() + ". Every host has its new certificates; once " + first
                    + " answers, 'k3j-install kubeconfig' writes the kubeconfig again");
        }
        output.result("kubeconfig: " + written + " written again with " + first + "'s new admin client certificate (context "
                + valid.name() + ", server " + valid.registration().url() + ")");
        return Optional.of(written);
    }

    /** What the run's last error says when a step failed. */
    private String ending(Path log) {
        return dryRun ? "the dry run could not read what it needs; no host was changed. The run log is "
                + log : "certificates rotate stopped: the hosts before the failed one have their new certificates; fix the cause "
                + "and run it again for the rest (--hosts). The run log is " + log;
    }

    private static String afterwards(Inventory valid, Set<String> chosen) {
        return "Then the kubeconfig is written again from " + valid.servers().hosts().get(0).address()
                + (chosen.contains(valid.servers().hosts().get(0).address()) ? "" : " (not: it is left out)") + ".";
    }
}
