package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.lab.LabCertificates.KeyForm;
import io.k3j.lab.LabEtcd;
import io.k3j.lab.LabTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Servers on an etcd that speaks only TLS and wants client certificates (the lab's etcd 3.4 with
 * client-cert-auth, certificates from {@link LabCertificates}): with the CA and a client
 * certificate they are Ready and an agent joins; with another CA or without a client
 * certificate they retry with the etcd client's warning and never become ready.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdTlsIT {

    private static LabCertificates pki;
    private static LabEtcd etcd;

    @BeforeAll
    static void etcdWithClientCertificates(Lab lab) {
        pki = LabCertificates.create(lab, "db1", "etcd");
        etcd = LabEtcd.withClientCertificates(lab, "db1", pki);
        DoubleOnLab.publishRelease(lab);
        for (String server : new String[] {"server1", "server2", "server3"}) {
            DoubleOnLab.install(lab, server, "server");
        }
        DoubleOnLab.install(lab, "worker1", "agent");
    }

    @Test
    @Order(1)
    void aServerWithTheCaAndAClientCertificateKeepsItsStateInEtcdAndIsReady(Lab lab) {
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server1", pki.ca(), pki.client("server1", KeyForm.TRADITIONAL_EC));

        CommandResult started = DoubleOnLab.start(lab, "server1", "k3s", config() + tls);

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", "/bootstrap/").orThrow("etcdctl").stdout()).startsWith("/bootstrap/");
        assertThat(lab.exec("server1", "kubectl", "get", "nodes").stdout()).contains("server1   Ready    control-plane,master");
        assertThat(lab.exec("server1", "journalctl", "-u", "k3s", "--no-pager").stdout()).doesNotContain("PRIVATE KEY");
    }

    @Test
    @Order(2)
    void aSecondServerGivenTheFilesThroughTheEnvironmentWithAnRsaKeyJoinsTheSameCluster(Lab lab) {
        DoubleOnLab.giveDatastoreTls(lab, "server2", pki.ca(), pki.client("server2", KeyForm.TRADITIONAL_RSA));
        lab.exec("server2", "sh", "-c", "printf 'K3S_DATASTORE_CAFILE=%s/ca.crt\\nK3S_DATASTORE_CERTFILE=%s/client.crt\\n"
                + "K3S_DATASTORE_KEYFILE=%s/client.key\\n' \"$0\" \"$0\" \"$0\" >> /etc/default/k3s", DoubleOnLab.DATASTORE_TLS).orThrow("env file");

        CommandResult started = DoubleOnLab.start(lab, "server2", "k3s", config());

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(lab.exec("server2", "kubectl", "get", "nodes").stdout()).contains("server1   Ready").contains("server2   Ready");
    }

    @Test
    @Order(3)
    void anAgentJoinsTheClusterOnTheTlsDatastore(Lab lab) {
        String token = lab.exec("server1", "cat", "/var/lib/rancher/k3s/server/node-token").orThrow("token").stdout().strip();

        CommandResult started = DoubleOnLab.start(lab, "worker1", "k3s-agent",
                "server: https://" + lab.host("server2").address() + ":6443\ntoken: " + token + "\n");

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(lab.exec("server1", "kubectl", "get", "nodes").stdout()).containsPattern("worker1   Ready    <none>");
    }

    @Test
    @Order(4)
    void aServerTrustingAnotherCaRetriesWithGosVerificationErrorAndIsNeverReady(Lab lab) throws InterruptedException {
        LabCertificates otherCa = LabCertificates.create(lab, "db1", "other");
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server3", otherCa.ca(), pki.client("server3", KeyForm.PKCS8_EC));

        String journal = DoubleOnLab.startUntilLogged(lab, "server3", "k3s", config() + tls,
                "tls: failed to verify certificate: x509: certificate signed by unknown authority");

        assertThat(journal).contains("\"logger\":\"etcd-client\"").contains("\"msg\":\"retrying of unary invoker failed\"")
                .contains("\"target\":\"etcd-endpoints://0xc000a2c000/" + lab.host("db1").address() + ":2379\"")
                .contains("transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority");
        assertThat(lab.exec("server3", "systemctl", "is-active", "k3s").stdout()).isEqualTo("activating\n");
        lab.exec("server3", "systemctl", "stop", "k3s").orThrow("stop");
    }

    @Test
    @Order(5)
    void aServerWithoutAClientCertificateIsRefusedByEtcdAndIsNeverReady(Lab lab) throws InterruptedException {
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server3", pki.ca(), null);

        String journal = DoubleOnLab.startUntilLogged(lab, "server3", "k3s", config() + tls, "remote error: tls: bad certificate");

        assertThat(journal).contains("\"msg\":\"retrying of unary invoker failed\"")
                .contains("error reading server preface: remote error: tls: bad certificate");
        assertThat(lab.exec("server3", "systemctl", "is-active", "k3s").stdout()).isEqualTo("activating\n");
        lab.exec("server3", "systemctl", "stop", "k3s").orThrow("stop");
    }

    private static String config() {
        return "token: etcd-tls-secret\ndatastore-endpoint: " + etcd.endpoint() + "\n";
    }
}
