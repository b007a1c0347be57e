package io.k3j.apply;

import io.k3j.inventory.Inventory;
import io.k3j.plan.StepPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command needs to run its planned steps through apply's interpreter ({@link Applier},
 * {@link HostApplier}) on connected hosts: reset and certificates rotate each plan their own steps
 * and run them here, so their dry run names exactly what they do.
 */
public record InterpretedRun(Inventory inventory, ConnectedHosts hosts, WaveRunner runner, Duration readyLimit, Clock clock) {

    /** The steps in order, done ({@link Wet#APPLY}) or only said ({@link Wet#DRY_RUN}); a failed one ends them ({@link ApplyFailed}). */
    List<StepRun> steps(List<StepPlan> plan, Wet wet, ApplyListener listener) throws InterruptedException {
        Applier applier = new Applier(new ApplyContext(inventory, hosts, readyLimit, clock, DatastoreProbe.OVER_THE_NETWORK, wet), runner,
                listener);
        List<StepRun> runs = new ArrayList<>();
        for (StepPlan step : plan) {
            runs.add(applier.run(step));
        }
        return runs;
    }
}
