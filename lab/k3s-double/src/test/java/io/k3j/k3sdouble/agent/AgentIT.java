package io.k3j.k3sdouble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.server.DoubleOnLab;
import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabPostgres;
import io.k3j.lab.LabTopology;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Agents joining a double cluster on the lab: the CA pin in the token, the password, the load balancer state. */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {
    private static final String LB_STATE = "/var/lib/rancher/k3s/agent/etc/k3s-agent-load-balancer.json";
    private static String token;
    private static String server1;
    private static String serverConfig;

    @BeforeAll
    static void aClusterOfTwoServers(Lab lab) {
        LabPostgres.plain(lab, "db1");
        DoubleOnLab.publishRelease(lab);
        serverConfig = "token: agent-test-secret\ndatastore-endpoint: postgres://k3s:pw@" + lab.host("db1").address() + ":5432/k3s\n";
        for (String server : new String[] {"server1", "server2"}) {
            DoubleOnLab.install(lab, server, "server");
            DoubleOnLab.start(lab, server, "k3s", serverConfig).orThrow("start " + server);
        }
        for (String worker : new String[] {"worker1", "worker2"}) {
            DoubleOnLab.install(lab, worker, "agent");
        }
        token = lab.exec("server1", "cat", "/var/lib/rancher/k3s/server/node-token").orThrow("token").stdout().strip();
        server1 = "https://" + lab.host("server1").address() + ":6443";
    }

    @Test
    @Order(1)
    void anAgentWithTheFullTokenJoinsLearnsEveryServerAndIsReady(Lab lab) {
        CommandResult started = DoubleOnLab.start(lab, "worker1", "k3s-agent",
                "server: " + server1 + "\ntoken: " + token + "\nnode-label: [disk=ssd]\n");

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        String nodes = lab.exec("server2", "kubectl", "get", "nodes").orThrow("kubectl").stdout();
        assertThat(nodes).containsPattern("worker1   Ready    <none>                 \\d+s +v1\\.31\\.4\\+k3s1");
        assertThat(lab.exec("server1", "kubectl", "get", "nodes", "-o", "json").stdout()).contains("\"disk\": \"ssd\"");
        String state = lab.exec("worker1", "cat", "/var/lib/rancher/k3s/agent/etc/k3s-agent-load-balancer.json").stdout();
        assertThat(state).startsWith("{\n  \"ServerURL\": \"" + server1 + "\",\n  \"ServerAddresses\": [\n")
                .contains("\"" + lab.host("server1").address() + ":6443\"").contains("\"" + lab.host("server2").address() + ":6443\"");
        assertThat(lab.exec("worker1", "stat", "-c", "%a", "/etc/rancher/node/password").stdout()).isEqualTo("600\n");
    }

    @Test
    @Order(2)
    void aTokenPinningAnotherCaIsRefusedWithK3sMessage(Lab lab) throws InterruptedException {
        String otherHash = "0".repeat(64);
        String pinnedElsewhere = token.replaceFirst("K10[0-9a-f]{64}", "K10" + otherHash);
        lab.exec("worker2", "sh", "-c", "printf '%s' \"$0\" > /etc/rancher/k3s/config.yaml",
                "server: " + server1 + "\ntoken: " + pinnedElsewhere + "\n").orThrow("config");

        lab.exec("worker2", "systemctl", "start", "--no-block", "k3s-agent").orThrow("start");
        String journal = "";
        for (int i = 0; i < 100 && !journal.contains("does not match"); i++) {
            journal = lab.exec("worker2", "journalctl", "-u", "k3s-agent", "--no-pager").stdout();
            Thread.sleep(200);
        }

        assertThat(journal).contains("Failed to validate connection to cluster at " + server1
                + ": token CA hash does not match the Cluster CA certificate hash: " + otherHash + " != ");
        assertThat(lab.exec("worker2", "systemctl", "is-active", "k3s-agent").stdout()).isEqualTo("activating\n");
        lab.exec("worker2", "systemctl", "stop", "k3s-agent");
    }

    @Test
    @Order(3)
    void anAgentThatStopsTurnsNotReadyAndIsReadyAgainAfterARestart(Lab lab) throws InterruptedException {
        lab.exec("worker1", "systemctl", "stop", "k3s-agent").orThrow("stop the agent");
        assertThat(waitForStatus(lab, "server1", "NotReady")).contains("worker1   NotReady");

        lab.exec("worker1", "timeout", "60", "systemctl", "start", "k3s-agent").orThrow("start the agent");
        assertThat(waitForStatus(lab, "server1", "Ready ")).containsPattern("worker1   Ready ");
    }

    @Test
    @Order(4)
    void theAgentKeepsReachingAServerWhenTheRegistrationAddressAndOneServerAreGone(Lab lab) throws InterruptedException {
        // worker1 registered through server1's address: stopping server1 takes both away.
        lab.exec("server1", "systemctl", "stop", "k3s").orThrow("stop server1");
        long until = System.nanoTime() + java.time.Duration.ofSeconds(DoubleOnLab.NODE_GRACE_SECONDS + 12).toNanos();
        while (System.nanoTime() < until) {
            assertThat(nodes(lab, "server2")).as("worker1 must stay Ready through server2").containsPattern("worker1   Ready ");
            Thread.sleep(1000);
        }
        assertThat(nodes(lab, "server2")).containsPattern("server1   NotReady").containsPattern("worker1   Ready ");
    }

    @Test
    @Order(5)
    void aSecondHostWithTheSameNodeNameIsRejectedByTheNodePasswordCheck(Lab lab) throws InterruptedException {
        String server2 = "https://" + lab.host("server2").address() + ":6443";
        lab.exec("worker2", "sh", "-c", "printf '%s' \"$0\" > /etc/rancher/k3s/config.yaml",
                "server: " + server2 + "\ntoken: " + token + "\nnode-name: worker1\n").orThrow("config");
        lab.exec("worker2", "systemctl", "reset-failed", "k3s-agent");

        lab.exec("worker2", "systemctl", "start", "--no-block", "k3s-agent").orThrow("start");
        String journal = "";
        for (int i = 0; i < 150 && !journal.contains("Node password rejected"); i++) {
            Thread.sleep(200);
            journal = lab.exec("worker2", "journalctl", "-u", "k3s-agent", "--no-pager").stdout();
        }

        assertThat(journal).contains("Node password rejected, duplicate hostname or contents of '/etc/rancher/node/password' "
                + "may not match server node-passwd entry, try enabling a unique node name with the --with-node-id flag");
        assertThat(lab.exec("worker2", "systemctl", "is-active", "k3s-agent").stdout()).isEqualTo("activating\n");
        lab.exec("worker2", "systemctl", "stop", "k3s-agent");
    }

    @Test
    @Order(6)
    void aWrongPasswordInTheTokenIsNotAuthorized(Lab lab) throws InterruptedException {
        String server2 = "https://" + lab.host("server2").address() + ":6443";
        String wrongPassword = token.replaceFirst("::server:.*", "::server:not-the-password");
        lab.exec("worker2", "sh", "-c", "printf '%s' \"$0\" > /etc/rancher/k3s/config.yaml",
                "server: " + server2 + "\ntoken: " + wrongPassword + "\nnode-name: worker2\n").orThrow("config");

        lab.exec("worker2", "systemctl", "start", "--no-block", "k3s-agent").orThrow("start");
        String journal = "";
        for (int i = 0; i < 150 && !journal.contains("not authorized"); i++) {
            Thread.sleep(200);
            journal = lab.exec("worker2", "journalctl", "-u", "k3s-agent", "--no-pager").stdout();
        }

        assertThat(journal).contains("Waiting to retrieve agent configuration; server is not ready: failed to retrieve "
                + "configuration from server: not authorized").doesNotContain("not-the-password");
        assertThat(lab.exec("worker2", "curl", "-sk", "-u", "node:not-the-password", server2 + "/v1-k3s/readyz").stdout())
                .contains("\"code\":401");
        lab.exec("worker2", "systemctl", "stop", "k3s-agent");
    }

    @Test
    @Order(7)
    void anAgentRestartedWhileItsServerUrlIsDownStartsFromItsSavedLoadBalancerState(Lab lab) {
        // server1, worker1's --server, has been down since order 4; the saved state names server2.
        String server2 = lab.host("server2").address() + ":6443";

        CommandResult restarted = lab.exec("worker1", "timeout", "60", "systemctl", "restart", "k3s-agent");

        assertThat(restarted.exitCode()).as("the agent must start through server2: " + restarted.stderr()).isZero();
        assertThat(DoubleOnLab.currentJournal(lab, "worker1", "k3s-agent")).containsPattern(
                Pattern.quote("Running load balancer k3s-agent-load-balancer 127.0.0.1:6444 -> [") + "[^\\]]*" + Pattern.quote(server2)
                        + "[^\\]]*" + Pattern.quote("] [default: " + lab.host("server1").address() + ":6443]"));
        assertThat(nodes(lab, "server2")).containsPattern("worker1   Ready ");
    }

    @Test
    @Order(8)
    void aServerAddedLaterIsLearnedAndSavedAndOneGoneIsDropped(Lab lab) throws InterruptedException {
        DoubleOnLab.install(lab, "server3", "server");
        DoubleOnLab.start(lab, "server3", "k3s", serverConfig).orThrow("start server3");
        String server3 = "\"" + lab.host("server3").address() + ":6443\"";

        long until = System.nanoTime() + java.time.Duration.ofSeconds(40).toNanos();
        String state = lab.exec("worker1", "cat", LB_STATE).stdout();
        while (!state.contains(server3) && System.nanoTime() < until) {
            Thread.sleep(500);
            state = lab.exec("worker1", "cat", LB_STATE).stdout();
        }

        assertThat(state).as("the agent learns server3 from the apiserver addresses").contains(server3)
                .contains("\"" + lab.host("server2").address() + ":6443\"")
                .doesNotContain("\"" + lab.host("server1").address() + ":6443\"").startsWith("{\n  \"ServerURL\": \"" + server1 + "\",\n");
        assertThat(DoubleOnLab.currentJournal(lab, "worker1", "k3s-agent"))
                .contains("Updated load balancer k3s-agent-load-balancer server addresses -> [");
    }

    private static String nodes(Lab lab, String server) {
        return lab.exec(server, "kubectl", "get", "nodes").orThrow("kubectl get nodes on " + server).stdout();
    }

    /** kubectl's table once worker1 shows {@code status}; fails with the last table after a bounded wait. */
    private static String waitForStatus(Lab lab, String server, String status) throws InterruptedException {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(DoubleOnLab.NODE_GRACE_SECONDS + 30).toNanos();
        String table = nodes(lab, server);
        while (!table.contains("worker1   " + status) && System.nanoTime() < until) {
            Thread.sleep(500);
            table = nodes(lab, server);
        }
        return table;
    }
}
