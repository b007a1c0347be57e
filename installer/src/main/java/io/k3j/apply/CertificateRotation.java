package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.kubeconfig.Kubeconfig;
import io.k3j.plan.CertificateRotationPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code certificates rotate} on connected hosts, or its dry run: planned from the hosts' facts
 * ({@link CertificateRotationPlanner}), run step by step by the interpreter apply uses
 * ({@link InterpretedRun}); then the first server's kubeconfig, which holds the admin client
 * certificate it now has.
 */
public final class CertificateRotation {
    private final InterpretedRun interpreted;

    public CertificateRotation(InterpretedRun interpreted) {
        this.interpreted = interpreted;
    }

    /** The chosen hosts that have no K3s binary yet: nothing to rotate there (apply first). */
    public List<String> withoutK3s(Set<String> chosen) {
        FactsKnowledge knowledge = new FactsKnowledge(interpreted.hosts().allFacts());
        List<String> missing = new ArrayList<>();
        for (Inventory.RoledHost roled : interpreted.inventory().allHosts()) {
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
        return OperatorKubeconfig.read(interpreted.inventory(), interpreted.hosts());
    }

    private List<StepRun> steps(Set<String> chosen, List<String> services, Wet wet, ApplyListener listener) throws InterruptedException {
        FactsKnowledge knowledge = new FactsKnowledge(interpreted.hosts().allFacts());
        return interpreted.steps(new CertificateRotationPlanner(interpreted.inventory(), knowledge).plan(chosen, services), wet, listener);
    }
}
