package io.k3j.apply;

import io.k3j.plan.HostPlan;
import io.k3j.plan.StepPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a step's waves one after the other, the hosts of a wave in parallel (bounded). A failed
 * host lets the rest of its wave finish, then stops the apply.
 */
final class Applier {
    private final WaveRunner runner;
    private final ApplyListener listener;
    private final HostApplier applier;

    Applier(ApplyContext context, WaveRunner runner, ApplyListener listener) {
        this.runner = runner;
        this.listener = listener;
        this.applier = new HostApplier(context, listener);
    }

    public StepRun run(StepPlan step) throws InterruptedException {
        List<HostReport> reports = new ArrayList<>();
        Optional<String> agentJoinToken = Optional.empty();
        listener.stepStarted(step);
        for (List<HostPlan> wave : step.waves()) {
            Map<String, HostPlan> byHost = new LinkedHashMap<>();
            wave.forEach(plan -> byHost.put(plan.host(), plan));
            List<WaveRunner.HostOutcome<HostApplier.HostWork>> outcomes = runner.run(new ArrayList<>(byHost.keySet()), host -> {
                listener.hostStarted(step, host, byHost.get(host).role());
                return applier.apply(step.step(), byHost.get(host));
            }, outcome -> tell(step, byHost.get(outcome.host()), outcome));
            List<StepFailure> failures = new ArrayList<>();
            for (WaveRunner.HostOutcome<HostApplier.HostWork> outcome : outcomes) {
                if (outcome.failed()) {
                    failures.add(failure(step, outcome));
                } else {
                    reports.add(report(step, byHost.get(outcome.host()), outcome));
                    if (outcome.result().agentJoinToken().isPresent()) {
                        agentJoinToken = outcome.result().agentJoinToken();
                    }
                }
            }
            if (!failures.isEmpty()) {
                throw new ApplyFailed(failures);
            }
        }
        return new StepRun(step, reports, agentJoinToken);
    }

    /** Tells the listener how a host ended, from that host's thread, while the rest of its wave still works. */
    private void tell(StepPlan step, HostPlan plan, WaveRunner.HostOutcome<HostApplier.HostWork> outcome) {
        if (outcome.failed()) {
            listener.hostFailed(failure(step, outcome));
        } else {
            listener.hostDone(report(step, plan, outcome));
        }
    }

    private static HostReport report(StepPlan step, HostPlan plan, WaveRunner.HostOutcome<HostApplier.HostWork> outcome) {
        return new HostReport(step.step(), outcome.host(), plan.role(), outcome.result().outcomes(), outcome.took());
    }

    private static StepFailure failure(StepPlan step, WaveRunner.HostOutcome<HostApplier.HostWork> outcome) {
        return outcome.failure() instanceof StepFailure known ? known
                : new StepFailure(outcome.host(), step.step(), "apply", String.valueOf(outcome.failure()),
                        "this is a bug in k3j-install: please report it with the run log");
    }
}
