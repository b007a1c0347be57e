package io.k3j.apply;

import io.k3j.inventory.Inventory;
import io.k3j.plan.ResetPlanner;
import io.k3j.plan.StepPlan;
import io.k3j.render.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code reset} on the hosts that could be reached, or its dry run: planned ({@link ResetPlanner})
 * from the package record each host keeps (read first, a read only), then run step by step by the
 * interpreter apply uses ({@link Applier}, {@link HostApplier}), so the dry run names exactly what
 * the reset does.
 */
public final class ClusterReset {
    private final Inventory inventory;
    private final ConnectedHosts hosts;
    private final WaveRunner runner;
    private final Duration readyLimit;
    private final Clock clock;

    public ClusterReset(Inventory inventory, ConnectedHosts hosts, WaveRunner runner, Duration readyLimit, Clock clock) {
        this.inventory = inventory;
        this.hosts = hosts;
        this.runner = runner;
        this.readyLimit = readyLimit;
        this.clock = clock;
    }

    /** What reset does on the reachable hosts, {@code datastore}: the provisioned datastore too. */
    public ResetPlanner.Plan plan(boolean datastore) {
        Map<String, Set<String>> installed = new LinkedHashMap<>();
        for (String address : hosts.allFacts().keySet()) {
            installed.put(address, InstalledPackages.read(hosts.host(address)));
        }
        return new ResetPlanner(inventory, new TemplateRenderer(), new FactsKnowledge(hosts.allFacts()), installed.keySet(), installed,
                datastore).plan();
    }

    public List<StepRun> run(ResetPlanner.Plan plan, ApplyListener listener) throws InterruptedException {
        return steps(plan, Wet.APPLY, listener);
    }

    /** What {@link #run} would do, every read made, nothing changed. */
    public List<StepRun> dryRun(ResetPlanner.Plan plan, ApplyListener listener) throws InterruptedException {
        return steps(plan, Wet.DRY_RUN, listener);
    }

    private List<StepRun> steps(ResetPlanner.Plan plan, Wet wet, ApplyListener listener) throws InterruptedException {
        Applier applier = new Applier(new ApplyContext(inventory, hosts, readyLimit, clock, DatastoreProbe.OVER_THE_NETWORK, wet),
                runner, listener);
        List<StepRun> runs = new ArrayList<>();
        for (StepPlan step : plan.steps()) {
            runs.add(applier.run(step));
        }
        return runs;
    }
}
