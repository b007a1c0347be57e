package io.k3j.apply;

import io.k3j.plan.Step;
import java.time.Duration;
import java.util.List;

/** What one step did on one host. */
public record HostReport(Step step, String host, String role, List<ActionOutcome> outcomes, Duration took) {

    public long changed() {
        return outcomes.stream().filter(outcome -> outcome.change().changes()).count();
    }
}
