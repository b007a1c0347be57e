package io.k3j.k3sdouble.api;

import java.util.List;
import java.util.Map;

/**
 * Whether a policy/v1 PodDisruptionBudget lets one more pod go, as the disruption controller and
 * the eviction REST handler decide it (pkg/controller/disruption, pkg/registry/core/pod/storage
 * eviction.go): the healthy pods its selector matches, less what it needs ({@code minAvailable},
 * or all but {@code maxUnavailable}; a percentage of the matched pods, rounded up), must be at
 * least one.
 */
public final class DisruptionBudget {

    private DisruptionBudget() {
    }

    /** The pods the budget needs healthy, of {@code expected} matched pods. */
    @SuppressWarnings("unchecked")
    static int desiredHealthy(Map<String, Object> budget, int expected) {
        Map<String, Object> spec = (Map<String, Object>) budget.getOrDefault("spec", Map.of());
        if (spec.get("maxUnavailable") != null) {
            return Math.max(0, expected - amount(spec.get("maxUnavailable"), expected));
        }
        return spec.get("minAvailable") == null ? 0 : amount(spec.get("minAvailable"), expected);
    }

    /** The budget's selector as a label selector text (matchLabels only). */
    @SuppressWarnings("unchecked")
    static boolean selects(Map<String, Object> budget, Map<String, String> podLabels) {
        Map<String, Object> spec = (Map<String, Object>) budget.getOrDefault("spec", Map.of());
        Map<String, Object> selector = (Map<String, Object>) spec.getOrDefault("selector", Map.of());
        Map<String, Object> matchLabels = (Map<String, Object>) selector.getOrDefault("matchLabels", Map.of());
        return matchLabels.entrySet().stream().allMatch(entry -> String.valueOf(entry.getValue()).equals(podLabels.get(entry.getKey())));
    }

    /** The eviction's 429 when {@code healthy} matched pods leave no room, else nothing. */
    @SuppressWarnings("unchecked")
    static void allowEviction(Map<String, Object> budget, int healthy, int expected) throws ApiError {
        int desired = desiredHealthy(budget, expected);
        if (healthy - desired < 1) {
            String name = String.valueOf(((Map<String, Object>) budget.get("metadata")).get("name"));
            throw new ApiError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
                    Map.of("causes", List.of(Map.of("reason", "DisruptionBudget", "message", "The disruption budget " + name
                            + " needs " + desired + " healthy pods and has " + healthy + " currently"))));
        }
    }

    private static int amount(Object value, int expected) {
        String text = String.valueOf(value);
        if (text.endsWith("%")) {
            return (int) Math.ceil(Integer.parseInt(text.substring(0, text.length() - 1)) * expected / 100.0);
        }
        return Integer.parseInt(text);
    }
}
