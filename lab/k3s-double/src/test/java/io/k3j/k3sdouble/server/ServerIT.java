package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The double's server under systemd on lab hosts, on the lab's real PostgreSQL: servers with one
 * token share one cluster CA; a server with another token fails with K3s' error.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerIT {
    @BeforeAll
    static void datastoreAndBinaries(Lab lab) {
        LabPostgres.plain(lab, "db1");
        DoubleOnLab.publishRelease(lab);
        for (String server : new String[] {"server1", "server2", "server3"}) {
            DoubleOnLab.install(lab, server, "server");
        }
    }

    private static CommandResult start(Lab lab, String server, String token) {
        return DoubleOnLab.start(lab, server, "k3s", "token: " + token + "\ndatastore-endpoint: postgres://k3s:pw@"
                + lab.host("db1").address() + ":5432/k3s\ntls-san: [k8s.lab]\n");
    }

    private static String tokenOn(Lab lab, String server) {
        return lab.exec(server, "cat", "/var/lib/rancher/k3s/server/node-token").orThrow("node-token").stdout().strip();
    }

    @Test
    @Order(1)
    void theFirstServerCreatesTheClusterAndIsReadyUnderSystemd(Lab lab) {
        CommandResult started = start(lab, "server1", "shared-secret");

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(lab.exec("server1", "systemctl", "is-active", "k3s").stdout()).isEqualTo("active\n");
        assertThat(tokenOn(lab, "server1")).matches("K10[0-9a-f]{64}::server:shared-secret");
        String caHash = lab.exec("server1", "sh", "-c", "curl -fsk https://127.0.0.1:6443/cacerts | sha256sum | cut -d' ' -f1")
                .stdout().strip();
        assertThat(tokenOn(lab, "server1")).startsWith("K10" + caHash + "::");
        assertThat(lab.exec("server1", "curl", "-fs", "--cacert", "/var/lib/rancher/k3s/server/tls/server-ca.crt",
                "--resolve", "k8s.lab:6443:127.0.0.1", "https://k8s.lab:6443/ping").stdout()).isEqualTo("pong");
        assertThat(lab.exec("db1", "runuser", "-u", "postgres", "--", "psql", "-At", "-d", "k3s", "-c",
                "SELECT count(*) FROM kine WHERE name LIKE '/bootstrap/%'")
                .stdout().strip()).isEqualTo("1");
        assertThat(lab.exec("server1", "journalctl", "-u", "k3s", "--no-pager").stdout())
                .contains("level=info msg=\"k3s is up and running\"").doesNotContain("shared-secret");
    }

    @Test
    @Order(2)
    void aSecondServerWithTheSameTokenJoinsTheSameCluster(Lab lab) {
        CommandResult started = start(lab, "server2", "shared-secret");

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(tokenOn(lab, "server2")).isEqualTo(tokenOn(lab, "server1"));
    }

    @Test
    @Order(3)
    void kubectlShowsBothServersReadyWithTheirRoles(Lab lab) {
        String table = lab.exec("server1", "k3s", "kubectl", "get", "nodes").orThrow("kubectl get nodes").stdout();
        String json = lab.exec("server2", "kubectl", "get", "nodes", "-o", "json").orThrow("kubectl -o json").stdout();

        assertThat(table).startsWith("NAME      STATUS   ROLES                  AGE   VERSION\n")
                .containsPattern("server1   Ready    control-plane,master   \\d+s +v1\\.31\\.4\\+k3s1")
                .containsPattern("server2   Ready    control-plane,master   \\d+s +v1\\.31\\.4\\+k3s1");
        assertThat(json).contains("\"kind\": \"List\"").contains("\"kubeletVersion\": \"v1.31.4+k3s1\"")
                .contains("\"node-role.kubernetes.io/control-plane\": \"true\"").contains("\"providerID\": \"k3s://server1\"");
        assertThat(lab.exec("server1", "stat", "-c", "%a", "/etc/rancher/k3s/k3s.yaml").stdout()).isEqualTo("600\n");
        assertThat(lab.exec("server1", "curl", "-sk", "https://127.0.0.1:6443/api/v1/nodes").stdout())
                .contains("\"code\":401").contains("Unauthorized");
    }

    @Test
    @Order(4)
    void aServerWithAnotherTokenFailsWithK3sError(Lab lab) {
        CommandResult started = start(lab, "server3", "another-secret");

        assertThat(started.exitCode()).isNotZero();
        assertThat(lab.exec("server3", "journalctl", "-u", "k3s", "--no-pager").stdout())
                .contains("bootstrap data already found and encrypted with different token");
        lab.exec("server3", "systemctl", "stop", "k3s");
    }

    @Test
    @Order(5)
    void aServerWithWrongDatastoreCredentialsKeepsRetryingAndIsNeverReady(Lab lab) throws InterruptedException {
        lab.exec("server3", "sh", "-c", "printf '%s' \"$0\" > /etc/rancher/k3s/config.yaml", "token: shared-secret\n"
                + "datastore-endpoint: postgres://k3s:wrong@" + lab.host("db1").address() + ":5432/k3s\n").orThrow("config");
        lab.exec("server3", "systemctl", "start", "--no-block", "k3s").orThrow("start");

        String journal = "";
        // The ping's error comes after the database check's warnings, which name the same refusal.
        for (int i = 0; i < 100 && !journal.contains("Failed to ping database connection"); i++) {
            Thread.sleep(200);
            journal = lab.exec("server3", "journalctl", "-u", "k3s", "--no-pager").stdout();
        }

        assertThat(journal).contains("level=error msg=\"Failed to ping database connection: ")
                .contains("password authentication failed for user").doesNotContain("wrong@");
        assertThat(lab.exec("server3", "systemctl", "is-active", "k3s").stdout()).isEqualTo("activating\n");
        lab.exec("server3", "systemctl", "stop", "k3s");
    }
}
