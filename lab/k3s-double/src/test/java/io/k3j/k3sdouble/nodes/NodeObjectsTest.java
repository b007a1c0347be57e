package io.k3j.k3sdouble.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeObjectsTest {
    private static final Instant FIRST = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant RESTART = Instant.parse("2026-11-24T13:00:00Z");

    @Test
    void aFirstRegistrationCarriesTheNodeTaints() {
        Map<String, Object> node = NodeObjects.fresh(worker(Map.of(), List.of("dedicated=db:NoSchedule")), FIRST);

        assertThat(Json.write(node.get("spec")))
                .isEqualTo("{\"providerID\":\"k3s://worker1\",\"taints\":[{\"key\":\"dedicated\",\"value\":\"db\",\"effect\":\"NoSchedule\"}]}");
    }

    @Test
    void aRestartWithOtherTaintsLeavesTheRegisteredOnes() {
        Map<String, Object> registered = NodeObjects.fresh(worker(Map.of(), List.of("dedicated=db:NoSchedule")), FIRST);

        Map<String, Object> restarted = NodeObjects.reregistered(registered, worker(Map.of(), List.of("gpu=true:NoExecute")), RESTART);
        Map<String, Object> untainted = NodeObjects.reregistered(registered, worker(Map.of(), List.of()), RESTART);

        assertThat(restarted.get("spec")).isEqualTo(registered.get("spec"));
        assertThat(untainted.get("spec")).isEqualTo(registered.get("spec"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRestartAddsAndUpdatesNodeLabelsAndRemovesNone() {
        Map<String, Object> registered = NodeObjects.fresh(worker(Map.of("tier", "db", "zone", "a"), List.of()), FIRST);
        ((Map<String, Object>) ((Map<String, Object>) registered.get("metadata")).get("labels")).put("by-kubectl", "yes");

        Map<String, Object> restarted = NodeObjects.reregistered(registered, worker(Map.of("zone", "b", "disk", "ssd"), List.of()), RESTART);

        Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) restarted.get("metadata")).get("labels");
        assertThat(labels).containsEntry("tier", "db").containsEntry("zone", "b").containsEntry("disk", "ssd")
                .containsEntry("by-kubectl", "yes").containsEntry("kubernetes.io/hostname", "worker1");
        assertThat(((Map<String, Object>) restarted.get("metadata")).get("creationTimestamp")).isEqualTo("2026-11-24T12:00:00Z");
    }

    private static NodeRecord worker(Map<String, String> labels, List<String> taints) {
        return new NodeRecord("worker1", false, labels, taints, "203.0.113.21", "v1.31.4+k3s1", "6.1");
    }
}
