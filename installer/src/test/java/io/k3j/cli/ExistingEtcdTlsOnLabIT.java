package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.Node;
import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.lab.LabEtcd;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An existing etcd that speaks only TLS and wants a client certificate (set up by the test on
 * db1, with its own CA), and a dedicated control plane with the HA guide's taint. First the
 * inventory names the wrong CA: apply must stop at the datastore check, before any server is
 * touched; then with the right files the cluster comes up, its servers tainted, workers not. A
 * backup of that etcd is taken from the first server with K3s' client certificate; its restore is
 * refused (an etcd snapshot is restored on the members' own hosts), every server left running.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingEtcdTlsOnLabIT {
    private static final String TAINT = "k3s-controlplane=true:NoExecute";
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");

    @TempDir
    static Path temp;

    private static LabEtcd etcd;
    private static LabCertificates pki;

    @BeforeAll
    static void runEtcdWithClientCertificates(Lab lab) {
        lab.publish(LabCluster.RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
        pki = LabCertificates.create(lab, "db1", "etcd");
        etcd = LabEtcd.withClientCertificates(lab, "db1", pki);
    }

    private static Path inventory(Lab lab, Path caFile) throws IOException {
        LabCertificates.CertificateFiles client = pki.client("k3s", LabCertificates.KeyForm.TRADITIONAL_EC);
        Path file = temp.resolve("inventory.yaml");
        Files.writeString(file, LabInventory.head(lab, "edge", "root") + """
                  datastore:
                    type: etcd
                    endpoint: %s
                    tls: {caFile: "%s", certFile: "%s", keyFile: "%s"}
                  servers:
                    dedicatedControlPlane: true
                    controlPlaneTaint: "%s"
                    hosts: [%s]
                """.formatted(etcd.endpoint(), caFile, client.certificate(), client.key(), TAINT, LabInventory.hostList(lab, "server"))
                + LabInventory.haproxyAndWorkers(lab));
        return file;
    }

    private static CliRun apply(Path inventory) {
        return CliRun.onInventory(Map.of(), "apply", inventory, temp, "--kubeconfig=" + temp.resolve("kubeconfig"));
    }

    @Test
    @Order(1)
    void theWrongCaStopsApplyAtTheDatastoreCheckBeforeAnyServerIsTouched(Lab lab) throws IOException {
        Path otherCa = LabCertificates.create(lab, "db1", "not-etcds").ca();

        CliRun run = apply(inventory(lab, otherCa));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(run.err()).contains("step 1. Datastore").contains(lab.host("server1").address())
                .contains("serves a certificate that datastore.tls.caFile did not sign")
                .contains("Set datastore.tls.caFile to the CA that signed etcd's serving certificate");
        LabCluster.assertNothingOfOursOn(lab, List.of("server1", "server2", "server3", "worker1", "worker2"));
    }

    @Test
    @Order(2)
    void withTheRightFilesTheClusterComesUpOnEtcdWithItsControlPlaneTainted(Lab lab) throws IOException {
        Path inventory = inventory(lab, pki.ca());

        CliRun run = apply(inventory);

        assertThat(run.exitCode()).as(run.all()).isZero();
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server2"), SERVERS, WORKERS);
        List<Node> nodes = LabCluster.nodes(lab, "server1");
        assertThat(nodes).filteredOn(node -> node.taints().contains(TAINT)).extracting(Node::name)
                .containsExactlyInAnyOrderElementsOf(SERVERS);
        assertThat(nodes).filteredOn(node -> WORKERS.contains(node.name())).allMatch(node -> node.taints().isEmpty());
        assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", "/bootstrap/").orThrow("etcdctl get /bootstrap/").stdout())
                .as("K3s' bootstrap data in etcd").startsWith("/bootstrap/");
        for (String server : SERVERS) {
            assertThat(lab.exec(server, "sh", "-c", "stat -c '%U %a' /etc/rancher/k3s/datastore/*").stdout().strip().lines())
                    .as("the TLS files on " + server).hasSize(3).allMatch(line -> line.equals("root 600"));
        }
        assertThat(LabCluster.kubectlFromThisMachine(lab, temp.resolve("kubeconfig"), "get", "nodes")).contains("worker1");

        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        CliRun again = apply(inventory);
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory");
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aSnapshotIsTakenFromTheFirstServerAndItsRestoreRefusedLeavingTheServersRunning(Lab lab) throws IOException {
        CliRun backup = CliRun.onInventory(Map.of(), "backup", temp.resolve("inventory.yaml"), temp, "-o",
                temp.resolve("backups").toString());

        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Path folder;
        try (var folders = Files.list(temp.resolve("backups"))) {
            folder = folders.findFirst().orElseThrow();
        }
        assertThat(Files.size(folder.resolve("datastore.etcd-snapshot"))).isPositive();
        assertThat(Files.readString(folder.resolve("backup.yaml"))).contains("datastore: \"etcd\"", "datastoreOrigin: \"existing\"",
                "dumpedOn: \"" + lab.host("server1").address() + "\"");

        CliRun restore = CliRun.onInventory(Map.of(), "restore", temp.resolve("inventory.yaml"), temp, folder.toString(),
                "--stop-servers", "--yes");

        assertThat(restore.exitCode()).as(restore.all()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(restore.err()).contains("etcdctl snapshot restore", "Disaster recovery", "no host was touched");
        for (String server : SERVERS) {
            assertThat(lab.exec(server, "systemctl", "is-active", "k3s").stdout().strip()).as("k3s on " + server).isEqualTo("active");
        }
    }
}
