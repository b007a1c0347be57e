package io.k3j.apply;

import io.k3j.plan.Step;
import io.k3j.plan.StepPlan;

/**
 * Hears an apply as it goes, to show it: steps starting, each host's actions, hosts done or failed.
 * Called from the hosts' threads, each host's calls in order; a host's done or failed comes as soon
 * as that host ends, not when its wave does. Texts are as the plan has them: the listener masks.
 */
public interface ApplyListener {

    void stepStarted(StepPlan step);

    void hostStarted(StepPlan step, String host, String role);

    /** The host begins an action ({@code action} is its description, as plan shows it). */
    void actionStarted(Step step, String host, String action);

    /** The host's current action now waits for something on the host, such as "waiting for k3s to be ready". */
    void waiting(String host, String what);

    /** The host's current action ended well; a failed one ends the host with {@link #hostFailed}. */
    void actionDone(Step step, String host, ActionOutcome outcome);

    void hostDone(HostReport report);

    void hostFailed(StepFailure failure);
}
