package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ClusterNodes;
import io.k3j.apply.Node;
import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An etcd cluster of three members set up by k3j-install (issue 20), with TLS between the
 * members and to the servers, as the datastore of three servers behind HAProxy. One member's
 * host stopped: the API keeps serving through the registration address, as this machine's
 * kubectl sees it the whole time, the servers stay Ready and a write succeeds; the host back, its
 * member is healthy again, and the next apply has nothing to do. Two members' hosts stopped: a
 * write fails, and apply, refused, names the lost quorum; both back, all is as before.
 */
@LabTopology("ha-etcd3")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionedEtcdClusterOnLabIT {
    private static final List<String> MEMBERS = List.of("db1", "db2", "db3");
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1");
    private static final String MEMBER_HEALTHY = "curl -fsS --max-time 3 http://127.0.0.1:2379/health | grep -q '\"health\":\"true\"'";

    @TempDir
    static Path temp;

    @Test
    @Order(1)
    void threeMembersFormOneClusterOverTlsAndTheServersUseThemAll(Lab lab) throws IOException {
        lab.publish(LabCluster.RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
        Files.writeString(inventory(), LabInventory.head(lab, "durable", "root") + """
                  datastore:
                    type: etcd
                    provision: {hosts: [%s], tls: true}
                  servers:
                    hosts: [%s]
                """.formatted(LabInventory.hostList(lab, "datastore"), LabInventory.hostList(lab, "server"))
                + LabInventory.haproxyAndWorkers(lab));

        CliRun run = apply();

        assertThat(run.exitCode()).as(run.all()).isZero();
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server2"), SERVERS, WORKERS);
        String members = lab.exec("db2", "etcdctl", "--endpoints=http://127.0.0.1:2379", "member", "list")
                .orThrow("etcdctl member list on db2").stdout();
        for (String member : MEMBERS) {
            assertThat(members).as("db2's member list").contains(", started, " + member + ", https://" + lab.host(member).address() + ":2380");
        }
        String config = lab.exec("server1", "cat", "/etc/rancher/k3s/config.yaml").orThrow("read server1's config").stdout();
        assertThat(config).contains(MEMBERS.stream().map(member -> "https://" + lab.host(member).address() + ":2379")
                .reduce((a, b) -> a + "," + b).orElseThrow());
        assertThat(lab.exec("db1", "etcdctl", "--endpoints=http://127.0.0.1:2379", "get", "--prefix", "--keys-only", "/bootstrap/")
                .orThrow("etcdctl get /bootstrap/").stdout()).as("K3s' bootstrap data in etcd").startsWith("/bootstrap/");

        CliRun again = apply();
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory");
    }

    @Test
    @Order(2)
    void withOneMemberDownTheApiServesAndWritesAndTheMemberRejoinsOnceBack(Lab lab) throws Exception {
        Path kubeconfig = temp.resolve("kubeconfig");
        try (ApiWatch watch = ApiWatch.start(lab, kubeconfig)) {
            watch.awaitSamples(3);
            // The first member: every server's endpoint list starts with it, so each must move on.
            lab.stop("db1");
            watch.awaitSamples(watch.samples() + 10);
            LabCluster.kubectlFromThisMachine(lab, kubeconfig, "--request-timeout=20s", "label", "node", "worker1",
                    "k3j.test/outage=db1", "--overwrite");
            List<Node> nodes = ClusterNodes.parse(LabCluster.kubectlFromThisMachine(lab, kubeconfig, "get", "nodes", "-o", "json"));
            assertThat(nodes).filteredOn(node -> node.name().equals("worker1")).singleElement()
                    .satisfies(node -> assertThat(node.labels()).containsEntry("k3j.test/outage", "db1"));
            assertThat(nodes).as("every node Ready with db1 down").allMatch(Node::ready);
            lab.start("db1");
            lab.exec("db1", "timeout", "120", "sh", "-c", "until " + MEMBER_HEALTHY + "; do sleep 0.2; done")
                    .orThrow("db1's member healthy again within 120 s");
            watch.awaitSamples(watch.samples() + 3);
            watch.assertAlwaysServing();
        }
        String health = lab.exec("db1", "etcdctl", "--endpoints=http://127.0.0.1:2379", "endpoint", "status", "-w", "table")
                .orThrow("etcdctl endpoint status on db1").stdout();
        assertThat(health).contains("127.0.0.1:2379");

        CliRun again = apply();
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory");
    }

    @Test
    @Order(3)
    void withTwoMembersDownWritesStopAndApplyNamesTheLostQuorumThenAllIsBackOnceTheyAre(Lab lab) {
        Path kubeconfig = temp.resolve("kubeconfig");
        lab.stop("db2");
        lab.stop("db3");
        try {
            CommandResult label = lab.kubectl("--kubeconfig", kubeconfig.toString(), "--request-timeout=15s", "label", "node", "worker1",
                    "k3j.test/outage=db2-db3", "--overwrite");
            assertThat(label.ok()).as("a write with two of three members down: " + label.stdout()).isFalse();

            CliRun refused = apply();

            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
            assertThat(refused.err()).contains("2 of 3 etcd members cannot be reached (db2, db3): the cluster has lost its quorum "
                    + "(2 of 3 needed), so K3s can neither read nor write until enough of them are back");
        } finally {
            lab.start("db2");
            lab.start("db3");
        }
        for (String member : List.of("db2", "db3")) {
            lab.exec(member, "timeout", "120", "sh", "-c", "until " + MEMBER_HEALTHY + "; do sleep 0.2; done")
                    .orThrow(member + "'s member healthy again within 120 s");
        }
        CliRun again = apply();
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory");
        assertThat(LabCluster.kubectlFromThisMachine(lab, kubeconfig, "get", "node", "worker1", "-o",
                "jsonpath={.metadata.labels.k3j\\.test/outage}")).as("the label written with db1 down, not the refused one").isEqualTo("db1");
    }

    private static Path inventory() {
        return temp.resolve("inventory.yaml");
    }

    private static CliRun apply() {
        return CliRun.onInventory(Map.of(), "apply", inventory(), temp, "--kubeconfig=" + temp.resolve("kubeconfig"));
    }

    /**
     * Asks, over and over, the API's {@code /readyz} and the node list through the registration
     * address, with this machine's kubectl and the kubeconfig apply wrote; every failed sample is
     * kept with kubectl's words. A datastore member down must cost a client nothing.
     */
    static final class ApiWatch implements AutoCloseable {
        private final Lab lab;
        private final Path kubeconfig;
        private final List<String> failures = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread = new Thread(this::run, "api-watch");
        private int samples;

        private ApiWatch(Lab lab, Path kubeconfig) {
            this.lab = lab;
            this.kubeconfig = kubeconfig;
        }

        static ApiWatch start(Lab lab, Path kubeconfig) {
            ApiWatch watch = new ApiWatch(lab, kubeconfig);
            watch.thread.start();
            return watch;
        }

        private void run() {
            while (!stop.get()) {
                CommandResult readyz = lab.kubectl("--kubeconfig", kubeconfig.toString(), "--request-timeout=5s", "get", "--raw", "/readyz");
                CommandResult nodes = lab.kubectl("--kubeconfig", kubeconfig.toString(), "--request-timeout=5s", "get", "nodes", "-o", "json");
                boolean allReady = nodes.ok() && ClusterNodes.parse(nodes.stdout()).stream().allMatch(Node::ready);
                synchronized (this) {
                    samples++;
                    if (!readyz.ok() || !readyz.stdout().strip().equals("ok") || !allReady) {
                        failures.add("readyz " + (readyz.ok() ? readyz.stdout().strip() : readyz.stderr().strip()) + ", nodes "
                                + (nodes.ok() ? (allReady ? "all Ready" : "not all Ready") : nodes.stderr().strip()));
                    }
                    notifyAll();
                }
            }
        }

        synchronized int samples() {
            return samples;
        }

        /** Waits until {@code count} samples were taken, at most two minutes. */
        synchronized void awaitSamples(int count) throws InterruptedException {
            long until = System.currentTimeMillis() + 120_000;
            while (samples < count) {
                long left = until - System.currentTimeMillis();
                assertThat(left).as(count + " samples within two minutes, " + samples + " taken").isPositive();
                wait(left);
            }
        }

        synchronized void assertAlwaysServing() {
            System.out.println("ApiWatch: " + samples + " samples, " + failures.size() + " failed");
            assertThat(failures).as("samples through the registration address that failed, of " + samples).isEmpty();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}
