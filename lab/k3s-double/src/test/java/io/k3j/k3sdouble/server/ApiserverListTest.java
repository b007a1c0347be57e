package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.nodes.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /v1-k3s/apiservers: the supervisor addresses of the servers alive, as the kubernetes endpoints list them. */
class ApiserverListTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Duration GRACE = Duration.ofSeconds(40);

    @Test
    void listsEveryReadyServerAndNoAgent() {
        List<Map<String, Object>> nodes = List.of(node("server1", true, "203.0.113.11", NOW), node("server2", true, "203.0.113.12", NOW),
                node("worker1", false, "203.0.113.21", NOW));

        assertThat(AgentEndpoints.liveServers(nodes, NOW, GRACE)).containsExactly("203.0.113.11:6443", "203.0.113.12:6443");
    }

    @Test
    void aServerWhoseHeartbeatIsOlderThanTheGracePeriodIsLeftOut() {
        List<Map<String, Object>> nodes = List.of(node("server1", true, "203.0.113.11", NOW.minus(GRACE).minusSeconds(1)),
                node("server2", true, "203.0.113.12", NOW.minus(GRACE)));

        assertThat(AgentEndpoints.liveServers(nodes, NOW, GRACE)).containsExactly("203.0.113.12:6443");
    }

    private static Map<String, Object> node(String name, boolean server, String ip, Instant heartbeat) {
        return NodeObjects.fresh(new NodeRecord(name, server, Map.of(), List.of(), ip, "v1.31.4+k3s1", "6.1.0-test"), heartbeat);
    }
}
