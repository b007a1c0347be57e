package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.nodes.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTableTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void agesAreWrittenAsHumanDurationWritesThem() {
        assertThat(HumanDuration.of(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(HumanDuration.of(Duration.ofSeconds(150))).isEqualTo("2m30s");
        assertThat(HumanDuration.of(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(HumanDuration.of(Duration.ofMinutes(5 * 60 + 10))).isEqualTo("5h10m");
        assertThat(HumanDuration.of(Duration.ofHours(12))).isEqualTo("12h");
        assertThat(HumanDuration.of(Duration.ofHours(3 * 24 + 4))).isEqualTo("3d4h");
        assertThat(HumanDuration.of(Duration.ofDays(40))).isEqualTo("40d");
        assertThat(HumanDuration.of(Duration.ofDays(2 * 365 + 10))).isEqualTo("2y10d");
        assertThat(HumanDuration.of(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
    }

    @Test
    @SuppressWarnings("unchecked")
    void cellsOfAReadyServerAndACordonedStaleWorker() {
        Map<String, Object> server = NodeObjects.fresh(new NodeRecord("server1", true, Map.of(), List.of(), "203.0.113.11",
                "v1.31.4+k3s1", "6.1.0-21-amd64"), NOW.minusSeconds(30));
        Map<String, Object> worker = NodeObjects.fresh(new NodeRecord("worker1", false, Map.of("kubernetes.io/role", "db"), List.of(),
                "203.0.113.21", "v1.31.4+k3s1", "6.1.0-21-amd64"), NOW.minusSeconds(90));
        ((Map<String, Object>) worker.get("spec")).put("unschedulable", true);

        assertThat(NodeTable.cells(NodeObjects.observed(server, NOW, NodeRecord.GRACE_PERIOD), NOW)).containsExactly("server1", "Ready",
                "control-plane,master", "30s", "v1.31.4+k3s1", "203.0.113.11", "<none>", "Debian GNU/Linux 12 (bookworm)",
                "6.1.0-21-amd64", "containerd://1.7.23-k3s2");
        assertThat(NodeTable.cells(NodeObjects.observed(worker, NOW, NodeRecord.GRACE_PERIOD), NOW).subList(0, 4))
                .containsExactly("worker1", "NotReady,SchedulingDisabled", "db", "90s");
    }

    @Test
    void theTableHasKubectlsColumnsTheWideOnesAtPriorityOne() {
        Map<String, Object> node = NodeObjects.fresh(new NodeRecord("server1", true, Map.of(), List.of(), "203.0.113.11",
                "v1.31.4+k3s1", "6.1"), NOW);

        String table = Json.write(NodeTable.of(List.of(node), NOW, null, Map.of("resourceVersion", "7")));

        assertThat(table).startsWith("{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":\"7\"}")
                .contains("{\"name\":\"Version\",\"type\":\"string\",\"format\":\"\",").contains("\"priority\":0}")
                .contains("{\"name\":\"Container-Runtime\"").contains("\"object\":{\"kind\":\"PartialObjectMetadata\"");
        assertThat(table.split("\"priority\":1", -1)).hasSize(6);
        assertThat(MediaType.asksForTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
                + "application/json")).isTrue();
        assertThat(MediaType.asksForTable("application/json")).isFalse();
    }
}
