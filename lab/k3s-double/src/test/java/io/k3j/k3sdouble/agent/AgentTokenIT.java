package io.k3j.k3sdouble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.server.DoubleOnLab;
import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabPostgres;
import io.k3j.lab.LabTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code --agent-token} and {@code --with-node-id} on the lab: a server with an agent token
 * writes it as its own {@code agent-token} file, agents join with it (or with the server token),
 * a wrong one is not authorized; two hosts given one node name join side by side when both
 * append their node id; the bootstrap data only servers may read is forbidden to the node user.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentTokenIT {
    private static final String DATA = "/var/lib/rancher/k3s/server/";
    private static String server1;

    @BeforeAll
    static void aServerWithAnAgentToken(Lab lab) {
        LabPostgres.plain(lab, "db1");
        DoubleOnLab.publishRelease(lab);
        DoubleOnLab.install(lab, "server1", "server");
        DoubleOnLab.start(lab, "server1", "k3s", "token: server-secret\nagent-token: agent-secret\nwith-node-id: true\n"
                + "datastore-endpoint: postgres://k3s:pw@" + lab.host("db1").address() + ":5432/k3s\n").orThrow("start server1");
        for (String worker : new String[] {"worker1", "worker2", "lb1"}) {
            DoubleOnLab.install(lab, worker, "agent");
        }
        server1 = "https://" + lab.host("server1").address() + ":6443";
    }

    @Test
    @Order(1)
    void theAgentTokenIsAFileOfItsOwnWhileTheServerTokenStaysTheServers(Lab lab) {
        String caHash = lab.exec("server1", "sh", "-c", "sha256sum " + DATA + "tls/server-ca.crt | cut -d' ' -f1").stdout().strip();

        assertThat(lab.exec("server1", "cat", DATA + "agent-token").stdout()).isEqualTo("K10" + caHash + "::node:agent-secret\n");
        assertThat(lab.exec("server1", "stat", "-c", "%F %a", DATA + "agent-token").stdout()).isEqualTo("regular file 600\n");
        assertThat(lab.exec("server1", "cat", DATA + "token").stdout()).isEqualTo("K10" + caHash + "::server:server-secret\n");
        assertThat(lab.exec("server1", "readlink", DATA + "node-token").stdout()).isEqualTo("token\n");
    }

    @Test
    @Order(2)
    void twoHostsWithOneNodeNameJoinWithTheAgentTokenEachUnderItsOwnNodeId(Lab lab) {
        String agentToken = lab.exec("server1", "cat", DATA + "agent-token").orThrow("agent-token").stdout().strip();

        for (String worker : new String[] {"worker1", "worker2"}) {
            CommandResult started = DoubleOnLab.start(lab, worker, "k3s-agent",
                    "server: " + server1 + "\ntoken: " + agentToken + "\nnode-name: twin\nwith-node-id: true\n");
            assertThat(started.exitCode()).as(worker + ": " + started.stderr()).isZero();
        }

        String id1 = nodeId(lab, "worker1");
        String id2 = nodeId(lab, "worker2");
        assertThat(id1).matches("[0-9a-f]{8}").isNotEqualTo(id2);
        assertThat(lab.exec("worker1", "stat", "-c", "%a", "/etc/rancher/node/id").stdout()).isEqualTo("644\n");
        assertThat(nodes(lab)).containsPattern("twin-" + id1 + " +Ready    <none>").containsPattern("twin-" + id2 + " +Ready    <none>")
                .containsPattern("server1-" + nodeId(lab, "server1") + " +Ready    control-plane,master");
    }

    @Test
    @Order(3)
    void aRestartedAgentKeepsItsNodeIdAndName(Lab lab) {
        String before = nodeId(lab, "worker1");

        lab.exec("worker1", "systemctl", "restart", "k3s-agent").orThrow("restart");

        assertThat(nodeId(lab, "worker1")).isEqualTo(before);
        assertThat(nodes(lab).lines().filter(line -> line.startsWith("twin-"))).hasSize(2);
    }

    @Test
    @Order(4)
    void theServerTokenStillJoinsAgentsAndAWrongAgentTokenIsNotAuthorized(Lab lab) throws InterruptedException {
        String serverToken = lab.exec("server1", "cat", DATA + "token").orThrow("token").stdout().strip();
        String wrongAgentToken = serverToken.replaceFirst("::server:.*", "::node:not-the-agent-secret");

        CommandResult started = DoubleOnLab.start(lab, "lb1", "k3s-agent", "server: " + server1 + "\ntoken: " + serverToken + "\n");
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(nodes(lab)).containsPattern("lb1 +Ready    <none>");

        lab.exec("lb1", "systemctl", "stop", "k3s-agent").orThrow("stop");
        String journal = DoubleOnLab.startUntilLogged(lab, "lb1", "k3s-agent", "server: " + server1 + "\ntoken: " + wrongAgentToken + "\n",
                "not authorized");

        assertThat(journal).contains("Waiting to retrieve agent configuration; server is not ready: failed to retrieve configuration "
                + "from server: not authorized").doesNotContain("not-the-agent-secret");
        lab.exec("lb1", "systemctl", "stop", "k3s-agent");
    }

    @Test
    @Order(5)
    void onlyTheServerUserGetsTheBootstrapDataAndTheNodeUserIsForbiddenWithEitherToken(Lab lab) {
        String bootstrap = server1 + "/v1-k3s/server-bootstrap";

        assertThat(status(lab, "node:agent-secret", bootstrap)).isEqualTo("403");
        assertThat(status(lab, "node:server-secret", bootstrap)).isEqualTo("403");
        assertThat(status(lab, "server:agent-secret", bootstrap)).isEqualTo("401");
        assertThat(status(lab, "server:server-secret", bootstrap)).isEqualTo("200");
        assertThat(lab.exec("worker1", "curl", "-sk", "-u", "server:server-secret", bootstrap).stdout())
                .contains("\"ServerCA\":{").contains("\"ClientCAKey\":{").contains("\"Content\":\"");
    }

    /** The HTTP status worker1 gets with basic auth {@code credentials}. */
    private static String status(Lab lab, String credentials, String url) {
        return lab.exec("worker1", "curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "-u", credentials, url).stdout().strip();
    }

    private static String nodeId(Lab lab, String host) {
        return lab.exec(host, "cat", "/etc/rancher/node/id").orThrow("node id on " + host).stdout().strip();
    }

    private static String nodes(Lab lab) {
        return lab.exec("server1", "kubectl", "get", "nodes").orThrow("kubectl get nodes").stdout();
    }
}
