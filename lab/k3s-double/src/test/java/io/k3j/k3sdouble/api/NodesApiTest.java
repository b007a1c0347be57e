package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.kine.MemoryStore;
import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.nodes.NodeRecord;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodesApiTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Caller ADMIN = new Caller("system:admin", List.of("system:masters", "system:authenticated"));
    private static final Caller WORKER1 = new Caller("system:node:worker1", List.of("system:nodes", "system:authenticated"));

    private final NodeRegistry registry = new NodeRegistry(new MemoryStore());
    private final NodesApi api = new NodesApi(registry, NodeRecord.GRACE_PERIOD, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void twoNodes() throws Exception {
        registry.register(new NodeRecord("server1", true, Map.of(), List.of(), "203.0.113.11", "v1.31.4+k3s1", "6.1"), NOW);
        registry.register(new NodeRecord("worker1", false, Map.of(), List.of(), "203.0.113.21", "v1.31.4+k3s1", "6.1"), NOW);
    }

    @Test
    void listsBySelectors() throws ApiError {
        assertThat(api.list(ADMIN, "node-role.kubernetes.io/control-plane=true", null).nodes()).extracting(Meta::name)
                .containsExactly("server1");
        assertThat(api.list(ADMIN, null, "metadata.name=worker1").nodes()).extracting(Meta::name).containsExactly("worker1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPutAtAStaleResourceVersionIsAConflict() throws ApiError {
        Map<String, Object> read = api.get(ADMIN, "worker1");
        api.patch(ADMIN, "worker1", "application/merge-patch+json", Json.read("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}"), false);

        assertThatThrownBy(() -> api.update(ADMIN, "worker1", read, false)).isInstanceOf(ApiError.class)
                .hasMessage("Operation cannot be fulfilled on nodes \"worker1\": the object has been modified; please apply your "
                        + "changes to the latest version and try again")
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(409));
        Map<String, Object> fresh = api.get(ADMIN, "worker1");
        ((Map<String, Object>) ((Map<String, Object>) fresh.get("metadata")).get("labels")).put("c", "d");
        assertThat(Json.write(api.update(ADMIN, "worker1", fresh, false))).contains("\"a\":\"b\"").contains("\"c\":\"d\"");
    }

    @Test
    void aKubeletRestartedOnAnotherReleaseShowsItsVersionOnceItsStartStatusIsWritten() throws ApiError {
        NodeRecord restarted = new NodeRecord("worker1", false, Map.of(), List.of(), "203.0.113.21", "v1.30.8+k3s1", "6.1");
        api.update(WORKER1, "worker1", NodeObjects.reregistered(api.get(WORKER1, "worker1"), restarted, NOW), false);
        assertThat(kubeletVersion(api.get(ADMIN, "worker1"))).as("a PUT of the Node keeps its status").isEqualTo("v1.31.4+k3s1");

        api.patch(WORKER1, "worker1", "application/strategic-merge-patch+json", NodeObjects.startStatusPatch(restarted, NOW), true);

        assertThat(kubeletVersion(api.get(ADMIN, "worker1"))).isEqualTo("v1.30.8+k3s1");
    }

    @SuppressWarnings("unchecked")
    private static String kubeletVersion(Map<String, Object> node) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) node.get("status")).get("nodeInfo")).get("kubeletVersion");
    }

    @Test
    void aNodeMayWriteOnlyItself() throws ApiError {
        String heartbeat = "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastHeartbeatTime\":\"2026-11-24T12:00:00Z\"}]}}";

        api.patch(WORKER1, "worker1", "application/strategic-merge-patch+json", Json.read(heartbeat), true);
        assertThatThrownBy(() -> api.patch(WORKER1, "server1", "application/strategic-merge-patch+json", Json.read(heartbeat), true))
                .isInstanceOf(ApiError.class).hasMessage("nodes \"server1\" is forbidden: User \"system:node:worker1\" cannot patch "
                        + "resource \"nodes\" in API group \"\" at the cluster scope");
        assertThat(api.get(WORKER1, "server1")).isNotNull();
    }

    @Test
    void aStatusPatchChangesOnlyTheStatusAndAnInvalidLabelIsRefused() throws ApiError {
        api.patch(ADMIN, "worker1", "application/merge-patch+json", Json.read("{\"metadata\":{\"labels\":{\"x\":\"y\"}},"
                + "\"status\":{\"nodeInfo\":{\"kubeletVersion\":\"v9\"}}}"), true);

        assertThat(Json.write(api.get(ADMIN, "worker1"))).doesNotContain("\"x\":\"y\"").contains("\"kubeletVersion\":\"v9\"");
        assertThatThrownBy(() -> api.patch(ADMIN, "worker1", "application/merge-patch+json",
                Json.read("{\"metadata\":{\"labels\":{\"x\":\"not valid\"}}}"), false))
                .isInstanceOf(ApiError.class).hasMessageStartingWith("Node \"worker1\" is invalid: metadata.labels: Invalid value: \"not valid\"")
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(422));
    }

    @Test
    void deletedNodesAreGoneAndAStalePreconditionConflicts() throws ApiError {
        assertThatThrownBy(() -> api.delete(ADMIN, "worker1", Optional.of("1"))).isInstanceOf(ApiError.class)
                .hasMessageContaining("Precondition failed");
        api.delete(ADMIN, "worker1", Optional.empty());

        assertThatThrownBy(() -> api.get(ADMIN, "worker1")).isInstanceOf(ApiError.class).hasMessage("nodes \"worker1\" not found");
        assertThat(api.list(ADMIN, null, null).nodes()).extracting(Meta::name).containsExactly("server1");
    }

    @Test
    void aRestartKeepsTheNodesIdentityAndCordon() throws Exception {
        Map<String, Object> before = api.get(ADMIN, "worker1");
        api.patch(ADMIN, "worker1", "application/strategic-merge-patch+json", Json.read("{\"spec\":{\"unschedulable\":true}}"), false);

        registry.register(new NodeRecord("worker1", false, Map.of(), List.of(), "203.0.113.21", "v1.31.4+k3s1", "6.1"), NOW.plusSeconds(60));

        Map<String, Object> after = api.get(ADMIN, "worker1");
        assertThat(Json.write(after.get("spec"))).contains("\"unschedulable\":true");
        assertThat(((Map<?, ?>) after.get("metadata")).get("uid")).isEqualTo(((Map<?, ?>) before.get("metadata")).get("uid"));
        assertThat(((Map<?, ?>) after.get("metadata")).get("creationTimestamp")).isEqualTo("2026-11-24T12:00:00Z");
    }
}
