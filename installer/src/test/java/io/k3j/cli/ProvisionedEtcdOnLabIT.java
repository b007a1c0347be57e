package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.Node;
import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd set up by k3j-install on db1 as the datastore, a dedicated control plane (servers
 * tainted, workloads on the workers only), and a round-robin DNS name as the registration
 * address. db1 starts as a real Debian host does after installing etcd-server: with the
 * package's own etcd.service enabled and running on the port k3j-etcd needs. Then, on that
 * cluster, a snapshot and its restore ({@link BackupRestoreOnLab}).
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionedEtcdOnLabIT {
    private static final String TAINT = "CriticalAddonsOnly=true:NoExecute";
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");

    /** Shared by the tests in order: the backup and restore run on the cluster the first one installed. */
    @TempDir
    static Path temp;
    private static Path backup;

    @Test
    @Order(1)
    void theClusterComesUpOnEtcdWithTaintedServersBehindTheDnsName(Lab lab) throws IOException {
        lab.publish(LabCluster.RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
        lab.exec("db1", "systemctl", "enable", "--now", "etcd").orThrow("start Debian's own etcd.service on db1");
        Path inventory = temp.resolve("inventory.yaml");
        Files.writeString(inventory, LabInventory.head(lab, "edge", "root") + """
                  datastore:
                    type: etcd
                    provision: {host: {address: %s, name: db1}}
                  servers:
                    dedicatedControlPlane: true
                    controlPlaneTaint: "%s"
                    hosts: [%s]
                  registration:
                    address: k8s-rr.lab
                    mode: dns
                  workers:
                    hosts: [%s]
                """.formatted(lab.host("db1").address(),
                TAINT, LabInventory.hostList(lab, "server"), LabInventory.hostList(lab, "worker")));

        CliRun run = CliRun.onInventory(Map.of(), "apply", inventory, temp, "--kubeconfig=" + temp.resolve("kubeconfig"));

        assertThat(run.exitCode()).as(run.all()).isZero();
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server3"), SERVERS, WORKERS);
        List<Node> nodes = LabCluster.nodes(lab, "server1");
        assertThat(nodes).filteredOn(node -> node.taints().contains(TAINT)).extracting(Node::name)
                .containsExactlyInAnyOrderElementsOf(SERVERS);
        assertThat(nodes).filteredOn(node -> WORKERS.contains(node.name())).allMatch(node -> node.taints().isEmpty());
        assertThat(lab.exec("db1", "systemctl", "is-enabled", "etcd").stdout().strip()).isEqualTo("disabled");
        assertThat(lab.exec("db1", "systemctl", "is-active", "k3j-etcd").stdout().strip()).isEqualTo("active");
        assertThat(lab.exec("db1", "etcdctl", "--endpoints=http://127.0.0.1:2379", "get", "--prefix", "--keys-only", "/bootstrap/")
                .orThrow("etcdctl get /bootstrap/").stdout()).as("K3s' bootstrap data in etcd").startsWith("/bootstrap/");
        assertThat(Files.readString(temp.resolve("kubeconfig"))).contains("server: https://k8s-rr.lab:6443");
        assertThat(LabCluster.kubectlFromThisMachine(lab, temp.resolve("kubeconfig"), "get", "nodes")).contains("worker2");

        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        CliRun again = CliRun.onInventory(Map.of(), "apply", inventory, temp, "--kubeconfig=" + temp.resolve("kubeconfig"));
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory");
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).isEqualTo(before);
    }

    @Test
    @Order(2)
    void aSnapshotRestoredBringsBackTheObjectsAsTheyWereWhenItWasTaken(Lab lab) throws IOException {
        backup = backupRestore(lab).backUpChangeAndRestore(SERVERS, WORKERS);
        assertThat(lab.exec("db1", "test", "-d", "/var/lib/etcd/k3j.before-restore").exitCode()).as("the data the restore replaced, kept")
                .isZero();
    }

    @Test
    @Order(3)
    void aSnapshotChangedByOneByteIsRefused(Lab lab) throws IOException {
        assertThat(backup).as("the backup the test before took").isNotNull();
        backupRestore(lab).aChangedByteIsRefused(backup);
    }

    private BackupRestoreOnLab backupRestore(Lab lab) {
        return new BackupRestoreOnLab(lab, temp.resolve("inventory.yaml"), temp.resolve("kubeconfig"), temp, Map.of());
    }
}
