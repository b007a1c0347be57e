package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd set up by k3j-install on db1 with {@code provision.tls}: the first apply makes the
 * certificates beside the inventory, etcd serves only TLS to clients with a certificate of that
 * CA, the servers reach it with theirs (as with an existing etcd with TLS), and a second apply
 * with the kept certificates changes nothing. Then, on that cluster, K3s' own certificates made
 * old by the double's knob: plan warns, {@code certificates rotate} renews them server by server
 * and agent by agent, the kubeconfig is written again and a real kubectl works with it.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionedEtcdTlsOnLabIT {
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");
    private static final String CERTIFICATES_MADE = "Made the datastore's TLS certificates";

    private static final String SERVER_TLS = "var/lib/rancher/k3s/server/tls/";

    /** Shared by the tests in order: the certificates' tests run on the cluster the first one installed. */
    @TempDir
    static Path temp;

    @Test
    @Order(1)
    void theClusterComesUpOnEtcdThatRefusesClientsWithoutACertificate(Lab lab) throws IOException {
        lab.publish(LabCluster.RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
        String db1 = lab.host("db1").address();
        Path inventory = temp.resolve("inventory.yaml");
        Files.writeString(inventory, LabInventory.head(lab, "edge", "root") + LabInventory.provisionedWithTls(lab, "etcd"));

        CliRun run = apply(inventory);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains(CERTIFICATES_MADE);
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server2"), SERVERS, WORKERS);
        Path pki = temp.resolve(".k3j/pki/edge");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("ca-key.pem")))).isEqualTo("rw-------");
        assertThat(lab.exec("db1", "sh", "-c", "stat -c '%n %U %a' /etc/etcd/k3j-tls/*").stdout().strip().lines()).containsExactlyInAnyOrder(
                "/etc/etcd/k3j-tls/ca.pem root 644", "/etc/etcd/k3j-tls/server-key.pem etcd 600", "/etc/etcd/k3j-tls/server.pem root 644");
        assertThat(Files.readString(temp.resolve("run.log"))).as("no key in the run log").doesNotContain("PRIVATE KEY");
        assertThat(lab.exec("db1", "etcdctl", "--endpoints=http://127.0.0.1:2379", "get", "--prefix", "--keys-only", "/bootstrap/")
                .orThrow("etcdctl get /bootstrap/").stdout()).as("K3s' bootstrap data in etcd").startsWith("/bootstrap/");

        String health = "https://" + db1 + ":2379/health";
        CommandResult withoutCertificate = lab.exec("server1", "curl", "-sS", "--max-time", "10",
                "--cacert", "/etc/rancher/k3s/datastore/ca.pem", health);
        assertThat(withoutCertificate.exitCode()).as("curl without a client certificate: " + withoutCertificate.stderr()).isNotZero();
        assertThat(lab.exec("server1", "curl", "-sS", "--max-time", "10", "--cacert", "/etc/rancher/k3s/datastore/ca.pem",
                "--cert", "/etc/rancher/k3s/datastore/client.pem", "--key", "/etc/rancher/k3s/datastore/client-key.pem", health)
                .orThrow("curl with K3s' client certificate").stdout()).contains("\"health\":\"true\"");
        assertThat(lab.exec("server1", "curl", "-sS", "--max-time", "10", "http://" + db1 + ":2379/health").ok())
                .as("no plain http from the servers").isFalse();

        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        CliRun again = apply(inventory);
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory")
                .doesNotContain(CERTIFICATES_MADE);
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).isEqualTo(before);
    }

    private CliRun apply(Path inventory) {
        return CliRun.onInventory(Map.of(), "apply", inventory, temp, "--kubeconfig=" + temp.resolve("kubeconfig"));
    }

    @Test
    @Order(2)
    void certificatesNearTheirEndAreWarnedOfThenRotatedAndTheKubeconfigWrittenAgainWorks(Lab lab) throws Exception {
        Path inventory = temp.resolve("inventory.yaml");
        String server1 = lab.host("server1").address();
        X509Certificate server2Before = certificate(lab, "server2", SERVER_TLS + "serving-kube-apiserver.crt");
        X509Certificate kubeletBefore = certificate(lab, "worker1", "var/lib/rancher/k3s/agent/client-kubelet.crt");
        // server1's certificates issued anew 300 days in the past: 65 days left, inside the 90-day window of v1.31.4.
        lab.exec("server1", "sh", "-c", "echo K3S_DOUBLE_CERT_BACKDATE_DAYS=300 >> /etc/default/k3s && systemctl stop k3s "
                + "&& k3s certificate rotate && timeout 60 systemctl start k3s && sed -i '/K3S_DOUBLE_CERT_BACKDATE_DAYS/d' /etc/default/k3s")
                .orThrow("age server1's certificates");
        X509Certificate aged = certificate(lab, "server1", SERVER_TLS + "client-admin.crt");
        String agedUntil = aged.getNotAfter().toInstant().toString();

        CliRun warned = CliRun.onInventory(Map.of(), "plan", inventory, temp);

        assertThat(warned.exitCode()).as(warned.all()).isZero();
        assertThat(warned.err()).contains("warning: " + server1 + ": K3s certificates expire within the 90 days before expiry in which "
                + "K3s " + LabCluster.K3S_VERSION + " renews them at start: client-admin.crt (system:admin) at " + agedUntil)
                .contains("'k3j-install certificates rotate " + inventory + " --hosts " + server1 + "'")
                .doesNotContain("warning: " + lab.host("server2").address());

        CliRun rotated = CliRun.with(Map.of(), false, "certificates", "rotate", inventory.toString(), "--log-file=" + temp.resolve("run.log"),
                "--kubeconfig=" + temp.resolve("kubeconfig"));

        assertThat(rotated.exitCode()).as(rotated.all()).isZero();
        assertThat(rotated.out()).contains("written again with " + server1 + "'s new admin client certificate");
        X509Certificate admin = certificate(lab, "server1", SERVER_TLS + "client-admin.crt");
        assertThat(admin.getSerialNumber()).isNotEqualTo(aged.getSerialNumber());
        assertThat(admin.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(364)));
        assertThat(certificate(lab, "server2", SERVER_TLS + "serving-kube-apiserver.crt").getSerialNumber())
                .isNotEqualTo(server2Before.getSerialNumber());
        assertThat(certificate(lab, "worker1", "var/lib/rancher/k3s/agent/client-kubelet.crt").getSerialNumber())
                .isNotEqualTo(kubeletBefore.getSerialNumber());
        String adminPem = Files.readString(lab.rootOf("server1").resolve(SERVER_TLS + "client-admin.crt"));
        assertThat(Files.readString(temp.resolve("kubeconfig")))
                .contains(Base64.getEncoder().encodeToString(adminPem.getBytes(StandardCharsets.US_ASCII)));
        assertThat(LabCluster.kubectlFromThisMachine(lab, temp.resolve("kubeconfig"), "get", "nodes")).contains("worker2");
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server3"), SERVERS, WORKERS);

        CliRun quiet = CliRun.onInventory(Map.of(), "plan", inventory, temp, "--detailed-exitcode");
        assertThat(quiet.exitCode()).as(quiet.all()).isZero();
        assertThat(quiet.err()).doesNotContain("K3s certificate");
    }

    /** The first certificate of a PEM file on a lab host. */
    private static X509Certificate certificate(Lab lab, String host, String path) throws Exception {
        try (var in = Files.newInputStream(lab.rootOf(host).resolve(path))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
