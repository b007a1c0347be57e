package io.k3j.apply;

import io.k3j.plan.ResetPlanner;
import io.k3j.render.TemplateRenderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code reset} on the hosts that could be reached, or its dry run: planned ({@link ResetPlanner})
 * from the package record each host keeps (read first, a read only), then run step by step by the
 * interpreter apply uses ({@link InterpretedRun}), so the dry run names exactly what the reset does.
 */
public final class ClusterReset {
    private final InterpretedRun interpreted;

    public ClusterReset(InterpretedRun interpreted) {
        this.interpreted = interpreted;
    }

    /** What reset does on the reachable hosts, {@code datastore}: the provisioned datastore too. */
    public ResetPlanner.Plan plan(boolean datastore) {
        Map<String, Set<String>> installed = new LinkedHashMap<>();
        for (String address : interpreted.hosts().allFacts().keySet()) {
            installed.put(address, InstalledPackages.read(interpreted.hosts().host(address)));
        }
        return new ResetPlanner(interpreted.inventory(), new TemplateRenderer(), new FactsKnowledge(interpreted.hosts().allFacts()),
                installed.keySet(), installed, datastore).plan();
    }

    public List<StepRun> run(ResetPlanner.Plan plan, ApplyListener listener) throws InterruptedException {
        return interpreted.steps(plan.steps(), Wet.APPLY, listener);
    }

    /** What {@link #run} would do, every read made, nothing changed. */
    public List<StepRun> dryRun(ResetPlanner.Plan plan, ApplyListener listener) throws InterruptedException {
        return interpreted.steps(plan.steps(), Wet.DRY_RUN, listener);
    }
}
