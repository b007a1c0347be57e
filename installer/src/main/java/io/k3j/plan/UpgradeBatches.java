package io.k3j.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The waves of the workers' step: the workers that do not change version together (new ones join,
 * others get a new configuration), then the ones moving to a new version in batches of
 * {@code size}, each batch back before the next goes.
 */
final class UpgradeBatches {

    private UpgradeBatches() {
    }

    static List<List<HostPlan>> waves(List<HostPlan> staying, List<HostPlan> upgrading, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one worker, got " + size);
        }
        List<List<HostPlan>> waves = new ArrayList<>();
        if (!staying.isEmpty()) {
            waves.add(List.copyOf(staying));
        }
        for (int start = 0; start < upgrading.size(); start += size) {
            waves.add(List.copyOf(upgrading.subList(start, Math.min(start + size, upgrading.size()))));
        }
        return waves;
    }
}
