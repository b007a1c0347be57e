package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.kine.MemoryStore;
import io.k3j.k3sdouble.objects.ObjectRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvictionTest {
    private static final Caller ADMIN = new Caller("system:admin", List.of("system:masters", "system:authenticated"));
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private final MemoryStore kine = new MemoryStore();
    private final NamespacedApi pods = new NamespacedApi(new ObjectRegistry(kine, "pods"), NamespacedApi.Kind.PODS, CLOCK);
    private final NamespacedApi budgets = new NamespacedApi(new ObjectRegistry(kine, "poddisruptionbudgets"),
            NamespacedApi.Kind.PODDISRUPTIONBUDGETS, CLOCK);
    private final Eviction eviction = new Eviction(pods, budgets);

    @SuppressWarnings("unchecked")
    private void pod(String name, String node) throws ApiError {
        pods.create(ADMIN, "default", (Map<String, Object>) Json.read("{\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"web\"}},"
                + "\"spec\":{\"nodeName\":\"" + node + "\"}}"));
    }

    @SuppressWarnings("unchecked")
    private void budget(String spec) throws ApiError {
        budgets.create(ADMIN, "default", (Map<String, Object>) Json.read("{\"metadata\":{\"name\":\"web\"},\"spec\":" + spec + "}"));
    }

    @Test
    void aBoundPodRunsAtOnceAndPodsAreFoundByNode() throws ApiError {
        pod("web-1", "worker1");
        pod("web-2", "server1");

        assertThat(Json.write(pods.get(ADMIN, "default", "web-1"))).contains("\"phase\":\"Running\"").contains("\"namespace\":\"default\"");
        assertThat(Json.write(pods.list(ADMIN, Optional.empty(), null, "spec.nodeName=worker1"))).contains("web-1").doesNotContain("web-2");
        assertThatThrownBy(() -> pods.create(ADMIN, "nope", Map.of("metadata", Map.of("name", "x")))).isInstanceOf(ApiError.class)
                .hasMessage("namespaces \"nope\" not found");
    }

    @Test
    void aBudgetThatWouldFallShortRefusesWith429AndOneWithRoomAllows() throws ApiError {
        pod("web-1", "worker1");
        pod("web-2", "server1");
        budget("{\"minAvailable\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}");

        assertThatThrownBy(() -> eviction.evict(ADMIN, "default", "web-1")).isInstanceOf(ApiError.class)
                .hasMessage("Cannot evict pod as it would violate the pod's disruption budget.")
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(429))
                .satisfies(e -> assertThat(Json.write(((ApiError) e).status())).contains("\"reason\":\"TooManyRequests\"")
                        .contains("The disruption budget web needs 2 healthy pods and has 2 currently"));

        budgets.delete(ADMIN, "default", "web", Optional.empty());
        budget("{\"maxUnavailable\":\"50%\",\"selector\":{\"matchLabels\":{\"app\":\"web\"}}}");
        assertThat(eviction.evict(ADMIN, "default", "web-1")).containsEntry("status", "Success").containsEntry("code", 201);
        assertThatThrownBy(() -> pods.get(ADMIN, "default", "web-1")).hasMessage("pods \"web-1\" not found");
    }

    @Test
    void percentagesRoundUpAsTheDisruptionControllerDoes() {
        assertThat(DisruptionBudget.desiredHealthy(Map.of("spec", Map.of("minAvailable", "50%")), 3)).isEqualTo(2);
        assertThat(DisruptionBudget.desiredHealthy(Map.of("spec", Map.of("maxUnavailable", 1)), 3)).isEqualTo(2);
        assertThat(DisruptionBudget.desiredHealthy(Map.of("spec", Map.of()), 3)).isZero();
    }
}
