package io.k3j.plan;

import java.util.List;

/**
 * One step of the plan. {@code waves} are run one after the other; the hosts of a wave work in
 * parallel (the first server alone, then the other servers together, for example).
 */
public record StepPlan(Step step, String summary, List<List<HostPlan>> waves) {

    public List<HostPlan> hosts() {
        return waves.stream().flatMap(List::stream).toList();
    }
}
