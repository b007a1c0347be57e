package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd set up by k3j-install on db1 with {@code provision.tls}: the first apply makes the
 * certificates beside the inventory, etcd serves only TLS to clients with a certificate of that
 * CA, the servers reach it with theirs (as with an existing etcd with TLS), and a second apply
 * with the kept certificates changes nothing.
 */
@LabTopology("ha-postgres")
class ProvisionedEtcdTlsOnLabIT {
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");
    private static final String CERTIFICATES_MADE = "Made the datastore's TLS certificates";

    @TempDir
    Path temp;

    @Test
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
}
