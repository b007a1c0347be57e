package io.k3j.apply;

import io.k3j.plan.StepPlan;
import java.util.List;
import java.util.Optional;

/**
 * One step as it was planned just before it ran, and what each host came to (in a dry run: would
 * come to), in the order of the waves. {@code agentJoinToken}: the agents' token the step read, for
 * the steps planned after it; never shown.
 */
public record StepRun(StepPlan plan, List<HostReport> reports, Optional<String> agentJoinToken) {

    /** The changes the step made (or would make) on all its hosts. */
    public long changed() {
        return reports.stream().mapToLong(HostReport::changed).sum();
    }
}
