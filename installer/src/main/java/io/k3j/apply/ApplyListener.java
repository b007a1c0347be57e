package io.k3j.apply;

import io.k3j.plan.StepPlan;

/** Hears an apply as it goes, to show it: steps starting, hosts done or failed. Called from the hosts' threads. */
public interface ApplyListener {

    void stepStarted(StepPlan step);

    void hostStarted(StepPlan step, String host, String role);

    void hostDone(HostReport report);

    void hostFailed(StepFailure failure);
}
