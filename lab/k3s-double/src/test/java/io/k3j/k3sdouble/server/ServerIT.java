package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabPostgres;
import io.k3j.lab.LabTopology;
import io.k3j.k3sdouble.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The double's server under systemd on lab hosts, on the lab's real PostgreSQL: servers with one
 * token share one cluster CA; a server with another token fails with K3s' error; leaf
 * certificates with K3s' lifetimes, renewal and rotation; {@code k3s token rotate}.
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

    @Test
    @Order(6)
    void certificatesHaveK3sLifetimesAndCertificateCheckReportsThem(Lab lab) throws Exception {
        X509Certificate admin = leaf(lab, "server1", "client-admin.crt");
        X509Certificate ca = Pem.readCertificates(Files.readString(tls(lab, "server1", "client-admin.crt"))).get(1);

        assertThat(Duration.between(admin.getNotBefore().toInstant(), admin.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(365).plusSeconds(60));
        assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(3650));
        assertThat(Files.readString(lab.rootOf("server1").resolve("etc/rancher/k3s/k3s.yaml")))
                .contains(Base64.getEncoder().encodeToString(Files.readString(tls(lab, "server1", "client-admin.crt")).getBytes(StandardCharsets.US_ASCII)));
        assertThat(lab.exec("server1", "k3s", "certificate", "check").orThrow("certificate check").stderr())
                .contains("level=info msg=\"Server detected, checking agent and server certificates\"")
                .contains("msg=\"client-admin.crt: certificate system:admin (ClientAuth) is ok, expires at ")
                .contains("msg=\"serving-kube-apiserver.crt: certificate k3s (ServerAuth) is ok, expires at ")
                .containsPattern("client-admin\\.crt: certificate k3s-client-ca@\\d+ \\(CertSign\\) is ok");
    }

    @Test
    @Order(7)
    void rotatedCertificatesGetNewKeysOldOnesAreRenewedWithTheirKeysAndTheKnobAgesThem(Lab lab) throws Exception {
        X509Certificate before = leaf(lab, "server2", "serving-kube-apiserver.crt");
        lab.exec("server2", "systemctl", "stop", "k3s").orThrow("stop server2");

        String rotated = lab.exec("server2", "k3s", "certificate", "rotate").orThrow("certificate rotate").stderr();

        assertThat(rotated).contains("msg=\"Server detected, rotating agent and server certificates\"")
                .containsPattern("msg=\"Successfully backed up certificates to /var/lib/rancher/k3s/server/tls-\\d+, please restart k3s "
                        + "server or agent to rotate certificates\"");
        assertThat(tls(lab, "server2", "serving-kube-apiserver.crt")).doesNotExist();

        // Started with certificates 300 days old: 65 days left, inside K3s' 90-day window.
        restartWith(lab, "server2", "K3S_DOUBLE_CERT_BACKDATE_DAYS=300\n");
        X509Certificate aged = leaf(lab, "server2", "serving-kube-apiserver.crt");
        assertThat(aged.getPublicKey()).as("a rotated certificate has a new key").isNotEqualTo(before.getPublicKey());
        assertThat(lab.exec("server2", "k3s", "certificate", "check").orThrow("check").stderr())
                .contains("level=warning msg=\"serving-kube-apiserver.crt: certificate k3s (ServerAuth) will expire within 90 days at ");
        assertThat(lab.exec("server2", "kubectl", "get", "nodes").orThrow("kubectl with aged certificates").stdout()).contains("server2");

        // Older than a year: expired, and a real kubectl refuses the server.
        restartWith(lab, "server2", "K3S_DOUBLE_CERT_BACKDATE_DAYS=400\n");
        assertThat(lab.exec("server2", "k3s", "certificate", "check").stderr())
                .contains("level=error msg=\"client-admin.crt: certificate system:admin (ClientAuth) expired at ");
        assertThat(lab.exec("server2", "kubectl", "get", "nodes").stderr()).contains("certificate has expired or is not yet valid");

        // Without the knob the next start renews them: a year again, the same key.
        X509Certificate expired = leaf(lab, "server2", "serving-kube-apiserver.crt");
        restartWith(lab, "server2", "");
        X509Certificate renewed = leaf(lab, "server2", "serving-kube-apiserver.crt");
        assertThat(renewed.getPublicKey()).as("a renewal keeps the key").isEqualTo(expired.getPublicKey());
        assertThat(renewed.getNotAfter()).isAfter(java.util.Date.from(java.time.Instant.now().plus(Duration.ofDays(364))));
        assertThat(lab.exec("server2", "kubectl", "get", "nodes").orThrow("kubectl after the renewal").stdout()).contains("server2");
    }

    @Test
    @Order(8)
    void tokenRotateMovesTheClusterToTheNewTokenAndAServerWithTheOldOneFails(Lab lab) {
        CommandResult rotated = lab.exec("server1", "k3s", "token", "rotate", "--new-token", "rotated-secret");

        assertThat(rotated.exitCode()).as(rotated.stderr()).isZero();
        assertThat(rotated.stdout()).startsWith("\033[33mWARNING\033[0m: Recommended to keep a record of the old token. If restoring from a "
                + "snapshot, you must use the token associated with that snapshot.\n").endsWith("Token rotated, restart k3s nodes with new token\n");
        assertThat(tokenOn(lab, "server1")).matches("K10[0-9a-f]{64}::server:rotated-secret");

        lab.exec("server2", "systemctl", "stop", "k3s").orThrow("stop server2");
        assertThat(start(lab, "server2", "shared-secret").exitCode()).as("the old token no longer opens the bootstrap data").isNotZero();
        assertThat(lab.exec("server2", "journalctl", "-u", "k3s", "--no-pager").stdout())
                .contains("bootstrap data already found and encrypted with different token");
        lab.exec("server2", "systemctl", "stop", "k3s");
        lab.exec("server2", "systemctl", "reset-failed", "k3s");
        start(lab, "server2", "rotated-secret").orThrow("server2 with the new token");
        lab.exec("server1", "systemctl", "stop", "k3s").orThrow("stop server1");
        start(lab, "server1", "rotated-secret").orThrow("server1 with the new token");

        assertThat(tokenOn(lab, "server2")).isEqualTo(tokenOn(lab, "server1"));
        assertThat(lab.exec("server2", "kubectl", "get", "nodes").orThrow("kubectl").stdout()).containsPattern("server1   Ready ");
    }

    private static Path tls(Lab lab, String server, String file) {
        return lab.rootOf(server).resolve("var/lib/rancher/k3s/server/tls").resolve(file);
    }

    private static X509Certificate leaf(Lab lab, String server, String file) throws java.io.IOException {
        return Pem.readCertificates(Files.readString(tls(lab, server, file))).get(0);
    }

    /** Restarts {@code server}'s k3s with {@code knobs} added to the lab's /etc/default/k3s, ready when it returns. */
    private static void restartWith(Lab lab, String server, String knobs) {
        lab.exec(server, "sh", "-c", "sed -i '/K3S_DOUBLE_CERT_BACKDATE_DAYS/d' /etc/default/k3s && printf \"$0\" >> /etc/default/k3s", knobs)
                .orThrow("knobs on " + server);
        lab.exec(server, "systemctl", "stop", "k3s").orThrow("stop " + server);
        lab.exec(server, "timeout", "60", "systemctl", "start", "k3s").orThrow("start " + server);
    }
}
