package io.k3j.k3sdouble.api;

import io.k3j.k3sdouble.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST .../pods/NAME/eviction} (a policy/v1 or v1beta1 Eviction): the pod is deleted unless
 * a PodDisruptionBudget of its namespace that selects it would fall below what it needs, which is
 * a 429 TooManyRequests (kubectl drain retries it until its timeout); then 201 with a Status
 * Success (pkg/registry/core/pod/storage/eviction.go).
 */
final class Eviction {
    private final NamespacedApi pods;
    private final NamespacedApi budgets;

    Eviction(NamespacedApi pods, NamespacedApi budgets) {
        this.pods = pods;
        this.budgets = budgets;
    }

    Map<String, Object> evict(Caller caller, String namespace, String name) throws ApiError {
        Map<String, Object> pod = pods.get(caller, namespace, name);
        Map<String, String> labels = Meta.labels(pod);
        List<Map<String, Object>> inNamespace = pods.all(namespace);
        for (Map<String, Object> budget : budgets.all(namespace)) {
            if (DisruptionBudget.selects(budget, labels)) {
                List<Map<String, Object>> matched = inNamespace.stream()
                        .filter(other -> DisruptionBudget.selects(budget, Meta.labels(other))).toList();
                int healthy = (int) matched.stream().filter(other -> "Running".equals(NamespacedApi.field(other, "status.phase"))).count();
                DisruptionBudget.allowEviction(budget, healthy, matched.size());
            }
        }
        pods.delete(caller, namespace, name, Optional.empty());
        return Json.object("kind", "Status", "apiVersion", "v1", "metadata", Map.of(), "status", "Success", "code", 201);
    }
}
