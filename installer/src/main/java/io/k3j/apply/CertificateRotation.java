package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.kubeconfig.Kubeconfig;
import io.k3j.plan.CertificateRotationPlanner;
import io.k3j.plan.StepPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code certificates rotate} on connected hosts, or its dry run: planned from the hosts' facts
 * ({@link CertificateRotationPlanner}), run step by step by the interpreter apply uses
 * ({@link Applier}, {@link HostApplier}); then the first server's kubeconfig, which holds the
 * admin client certificate it now has.
 */
public final class CertificateRotation {
    private final Inventory inventory;
    private final ConnectedHosts hosts;
    private final WaveRunner runner;
    private final Duration readyLimit;
    private final Clock clock;

    public CertificateRotation(Inventory inventory, ConnectedHosts hosts, WaveRunner runner, Duration readyLimit, Clock clock) {
        this.inventory = inventory;
        this.hosts = hosts;
        this.runner = runner;
        this.readyLimit = readyLimit;
        this.clock = clock;
    }

    /** The chosen hosts that have no K3s binary yet: nothing to rotate there (apply first). */
    public List<String> withoutK3s(Set<String> chosen) {
        FactsKnowledge knowledge = new FactsKnowledge(hosts.allFacts());
        List<String> missing = new ArrayList<>();
        for (Inventory.RoledHost roled : inventory.allHosts()) {
            Host host = roled.host();
            boolean node = roled.role() == Inventory.Role.SERVER || roled.role() == Inventory.Role.WORKER;
            if (node && chosen.contains(host.address()) && knowledge.k3sVersion(host).isEmpty() && !missing.contains(host.address())) {
                missing.add(host.address());
            }
        }
        return missing;
    }

    public List<StepRun> run(Set<String> chosen, List<String> services, ApplyListener listener) throws InterruptedException {
        return steps(chosen, services, Wet.APPLY, listener);
    }

    /** What {@link #run} would do, every read made, nothing changed. */
    public List<StepRun> dryRun(Set<String> chosen, List<String> services, ApplyListener listener) throws InterruptedException {
        return steps(chosen, services, Wet.DRY_RUN, listener);
    }

    /** The first server's kubeconfig for the operator, pointed at the registration address. */
    public Kubeconfig kubeconfig() {
        return OperatorKubeconfig.read(inventory, hosts);
    }

    private List<StepRun> steps(Set<String> chosen, List<String> services, Wet wet, ApplyListener listener) throws InterruptedException {
        ApplyContext context = new ApplyContext(inventory, hosts, readyLimit, clock, DatastoreProbe.OVER_THE_NETWORK, wet);
        Applier applier = new Applier(context, runner, listener);
        List<StepRun> runs = new ArrayList<>();
        for (StepPlan step : new CertificateRotationPlanner(inventory, new FactsKnowledge(hosts.allFacts())).plan(chosen, services)) {
            runs.add(applier.run(step));
        }
        return runs;
    }
}
