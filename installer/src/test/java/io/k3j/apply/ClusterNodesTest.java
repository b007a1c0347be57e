package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import io.k3j.ssh.HostKeyException;
import io.k3j.ssh.SshException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code k3s kubectl get nodes -o json} as Debian's kubectl 1.20 prints it (a "List", four-space indents), captured from the K3s double. */
class ClusterNodesTest {

    private static String realKubectlOutput() throws IOException {
        try (InputStream in = ClusterNodesTest.class.getResourceAsStream("/kubectl/get-nodes-o-json.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheNodesOfKubectlsOwnJson() throws IOException {
        List<Node> nodes = ClusterNodes.parse(realKubectlOutput());

        assertThat(nodes).extracting(Node::name).containsExactly("server1", "worker1");
        Node server = nodes.get(0);
        assertThat(server.ready()).isTrue();
        assertThat(server.rolesColumn()).isEqualTo("control-plane,master");
        assertThat(server.taints()).containsExactly("CriticalAddonsOnly=true:NoExecute");
        assertThat(server.version()).isEqualTo("v1.31.4+k3s1");
        assertThat(server.internalIp()).isEqualTo("203.0.113.11");
        assertThat(nodes.get(1).rolesColumn()).isEqualTo("<none>");
        assertThat(nodes.get(1).labels()).containsEntry("disk", "ssd");
    }

    @Test
    void aNodeListOfAThousandNodesIsReadWholePastSnakeYamlsDefaultLimitOfThreeMebibytes() {
        String padding = "x".repeat(4000);   // about what a K3s node's annotations, conditions and images take
        StringBuilder list = new StringBuilder("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [");
        for (int i = 1; i <= 1000; i++) {
            list.append(i == 1 ? "" : ", ").append("{\"metadata\": {\"name\": \"worker").append(i)
                    .append("\", \"annotations\": {\"k3s.io/node-args\": \"").append(padding).append("\"}}, ")
                    .append("\"status\": {\"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}}");
        }
        String json = list.append("]}").toString();
        assertThat(json.length()).isGreaterThan(3 * 1024 * 1024);

        List<Node> nodes = ClusterNodes.parse(json);

        assertThat(nodes).hasSize(1000);
        assertThat(nodes.get(999).name()).isEqualTo("worker1000");
        assertThat(nodes.get(999).ready()).isTrue();
    }

    @Test
    void somethingElseIsNotANodeList() {
        assertThat(Stream.of("error: You must be logged in to the server (Unauthorized)", "{\"items\": [{\"metadata\": ",
                "{\"items\": [\"node\"]}", "{\"items\": [{\"metadata\": []}]}", "[1, 2]", ""))
                .allSatisfy(text -> assertThatThrownBy(() -> ClusterNodes.parse(text)).as(text)
                        .isInstanceOf(ClusterNodes.NotANodeList.class).hasMessage("kubectl did not print a NodeList"));
    }

    @Test
    void aServerThatPrintsNoNodeListIsAFailureToAskAgainNotABug() {
        FakeHost server = new FakeHosts().host("198.51.100.11");
        server.on("nodes", FakeHost.command("\\Ak3s kubectl get nodes -o json\\z"), sent -> FakeHost.ok("<html>503</html>\nmore\n"));

        ClusterNodes.Read read = ClusterNodes.read(server);

        assertThat(read.nodes()).isEmpty();
        assertThat(read.failure()).contains("k3s kubectl get nodes on 198.51.100.11 printed no NodeList: <html>503</html>");
    }

    @Test
    void aServerWhoseConnectionDroppedAndDidNotComeBackIsAFailureToAskAgainNotABug() {
        FakeHost server = new FakeHosts().host("198.51.100.11");
        server.on("nodes", FakeHost.command("\\Ak3s kubectl get nodes -o json\\z"), sent -> {
            throw new SshException("198.51.100.11 (198.51.100.11:22): cannot connect: no answer within 10 s");
        });
        server.on("node", FakeHost.command("\\Ak3s kubectl get node 'worker1' --ignore-not-found -o json\\z"), sent -> {
            throw new SshException("198.51.100.11: the connection dropped while running a command: Broken pipe");
        });

        assertThat(ClusterNodes.read(server).failure())
                .contains("could not ask 198.51.100.11: 198.51.100.11 (198.51.100.11:22): cannot connect: no answer within 10 s");
        assertThat(ClusterNodes.readNode(server, "worker1").failure())
                .contains("could not ask 198.51.100.11: 198.51.100.11: the connection dropped while running a command: Broken pipe");
    }

    @Test
    void aChangedHostKeyIsNoStateToWaitOutButRefusedAtOnce() {
        FakeHost server = new FakeHosts().host("198.51.100.11");
        server.on("nodes", FakeHost.command("\\Ak3s kubectl get nodes -o json\\z"), sent -> {
            throw new HostKeyException("198.51.100.11: the host key has changed", "SHA256:x", false);
        });

        assertThatThrownBy(() -> ClusterNodes.read(server)).isInstanceOf(HostKeyException.class);
    }
}
