package io.k3j.k3sdouble.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.nodes.NodeRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTableTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void agesAreWrittenAsKubectlWritesThem() {
        assertThat(NodeTable.age(NOW.minusSeconds(42), NOW)).isEqualTo("42s");
        assertThat(NodeTable.age(NOW.minusSeconds(150), NOW)).isEqualTo("2m30s");
        assertThat(NodeTable.age(NOW.minusSeconds(15 * 60), NOW)).isEqualTo("15m");
        assertThat(NodeTable.age(NOW.minusSeconds(5 * 3600), NOW)).isEqualTo("5h");
        assertThat(NodeTable.age(NOW.minusSeconds(3 * 86400), NOW)).isEqualTo("3d");
    }

    @Test
    void serversAndAgentsWithTheirStatus() {
        NodeRecord server = new NodeRecord("server1", true, Map.of(), List.of("k3s-controlplane=true:NoExecute"), "10.213.0.12",
                "v1.31.4+k3s1", NOW.minusSeconds(30), NOW);
        NodeRecord agent = new NodeRecord("worker1", false, Map.of("disk", "ssd"), List.of(), "10.213.0.15", "v1.31.4+k3s1",
                NOW.minusSeconds(90), NOW.minusSeconds(60));

        String table = NodeTable.render(List.of(server.toApi(NOW, NodeRecord.GRACE_PERIOD), agent.toApi(NOW, NodeRecord.GRACE_PERIOD)), false, NOW);

        assertThat(table).isEqualTo("""
                NAME      STATUS     ROLES                  AGE   VERSION
                server1   Ready      control-plane,master   30s   v1.31.4+k3s1
                worker1   NotReady   <none>                 90s   v1.31.4+k3s1
                """);
        assertThat(server.toApi(NOW, NodeRecord.GRACE_PERIOD).toString()).contains("key=k3s-controlplane", "value=true", "effect=NoExecute");
    }
}
