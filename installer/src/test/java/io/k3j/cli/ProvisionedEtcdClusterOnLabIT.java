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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
 * write fails, and apply, refused, names the lost quorum; both back, all is as before. The first
 * apply makes the certificates beside the inventory, and etcd serves only TLS to clients with a
 * certificate of that CA. Last, on that cluster, K3s' own certificates made old by the double's
 * knob: plan warns, {@code certificates rotate} renews them server by server and agent by agent,
 * the kubeconfig is written again and a real kubectl works with it. Then db3 replaced by db4 in
 * provision.hosts: refused without {@code --prune}; with it, db4 joins (a learner, then promoted),
 * the servers move to it, db3 leaves the cluster and is cleaned, and the API serves throughout.
 */
@LabTopology("ha-etcd3")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProvisionedEtcdClusterOnLabIT {
    private static final List<String> MEMBERS = List.of("db1", "db2", "db3");
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1");
    private static final String MEMBER_HEALTHY = "curl -fsS --max-time 3 http://127.0.0.1:2379/health | grep -q '\"health\":\"true\"'";
    private static final String CERTIFICATES_MADE = "Made the datastore's TLS certificates";
    private static final String SERVER_TLS = "var/lib/rancher/k3s/server/tls/";

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
        assertThat(run.out()).contains(CERTIFICATES_MADE);
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

        onlyTlsWithACertificateOfTheClustersCa(lab);

        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        CliRun again = apply();
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory")
                .doesNotContain(CERTIFICATES_MADE);
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).isEqualTo(before);
    }

    /** The certificates kept private beside the inventory; every member serves only TLS, and only to a client of the cluster's CA. */
    private static void onlyTlsWithACertificateOfTheClustersCa(Lab lab) throws IOException {
        Path pki = temp.resolve(".k3j/pki/durable");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.resolve("ca-key.pem")))).isEqualTo("rw-------");
        assertThat(Files.readString(temp.resolve("run.log"))).as("no key in the run log").doesNotContain("PRIVATE KEY");
        for (String member : MEMBERS) {
            assertThat(lab.exec(member, "sh", "-c", "stat -c '%n %U %a' /etc/etcd/k3j-tls/*").stdout().strip().lines())
                    .as(member + "'s TLS files").containsExactlyInAnyOrder("/etc/etcd/k3j-tls/ca.pem root 644",
                            "/etc/etcd/k3j-tls/server-key.pem etcd 600", "/etc/etcd/k3j-tls/server.pem root 644");
            String address = lab.host(member).address();
            String health = "https://" + address + ":2379/health";
            CommandResult withoutCertificate = lab.exec("server1", "curl", "-sS", "--max-time", "10",
                    "--cacert", "/etc/rancher/k3s/datastore/ca.pem", health);
            assertThat(withoutCertificate.exitCode()).as("curl without a client certificate: " + withoutCertificate.stderr()).isNotZero();
            assertThat(lab.exec("server1", "curl", "-sS", "--max-time", "10", "--cacert", "/etc/rancher/k3s/datastore/ca.pem",
                    "--cert", "/etc/rancher/k3s/datastore/client.pem", "--key", "/etc/rancher/k3s/datastore/client-key.pem", health)
                    .orThrow("curl with K3s' client certificate").stdout()).contains("\"health\":\"true\"");
            assertThat(lab.exec("server1", "curl", "-sS", "--max-time", "10", "http://" + address + ":2379/health").ok())
                    .as("no plain http from the servers to " + member).isFalse();
            CommandResult peerWithoutCertificate = lab.exec("server1", "curl", "-sS", "--max-time", "10",
                    "--cacert", "/etc/rancher/k3s/datastore/ca.pem", "https://" + address + ":2380/members");
            assertThat(peerWithoutCertificate.ok()).as("the peer port of " + member + " without a certificate: "
                    + peerWithoutCertificate.stdout()).isFalse();
        }
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

    @Test
    @Order(4)
    void certificatesNearTheirEndAreWarnedOfThenRotatedAndTheKubeconfigWrittenAgainWorks(Lab lab) throws Exception {
        String server1 = lab.host("server1").address();
        X509Certificate server2Before = certificate(lab, "server2", SERVER_TLS + "serving-kube-apiserver.crt");
        X509Certificate kubeletBefore = certificate(lab, "worker1", "var/lib/rancher/k3s/agent/client-kubelet.crt");
        // server1's certificates issued anew 300 days in the past: 65 days left, inside the 90-day window of v1.31.4.
        lab.exec("server1", "sh", "-c", "echo K3S_DOUBLE_CERT_BACKDATE_DAYS=300 >> /etc/default/k3s && systemctl stop k3s "
                + "&& k3s certificate rotate && timeout 60 systemctl start k3s && sed -i '/K3S_DOUBLE_CERT_BACKDATE_DAYS/d' /etc/default/k3s")
                .orThrow("age server1's certificates");
        X509Certificate aged = certificate(lab, "server1", SERVER_TLS + "client-admin.crt");
        String agedUntil = aged.getNotAfter().toInstant().toString();

        CliRun warned = CliRun.onInventory(Map.of(), "plan", inventory(), temp);

        assertThat(warned.exitCode()).as(warned.all()).isZero();
        assertThat(warned.err()).contains("warning: " + server1 + ": K3s certificates expire within the 90 days before expiry in which "
                + "K3s " + LabCluster.K3S_VERSION + " renews them at start: client-admin.crt (system:admin) at " + agedUntil)
                .contains("'k3j-install certificates rotate " + inventory() + " --hosts " + server1 + "'")
                .doesNotContain("warning: " + lab.host("server2").address());

        CliRun rotated = CliRun.with(Map.of(), false, "certificates", "rotate", inventory().toString(), "--log-file=" + temp.resolve("run.log"),
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
        assertThat(LabCluster.kubectlFromThisMachine(lab, temp.resolve("kubeconfig"), "get", "nodes")).contains("worker1");
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server3"), SERVERS, WORKERS);

        CliRun quiet = CliRun.onInventory(Map.of(), "plan", inventory(), temp, "--detailed-exitcode");
        assertThat(quiet.exitCode()).as(quiet.all()).isZero();
        assertThat(quiet.err()).doesNotContain("K3s certificate");
    }

    @Test
    @Order(5)
    void aReplacedMemberJoinsAsALearnerAndTheOneTakenOutLeavesOnlyWithPruneWhileTheApiServes(Lab lab) throws Exception {
        String db3 = lab.host("db3").address();
        String db4 = lab.host("db4").address();
        String withDb4 = Files.readString(inventory()).replace("{address: " + db3 + ", name: db3}", "{address: " + db4 + ", name: db4}");
        assertThat(withDb4).contains("name: db4").doesNotContain("name: db3");
        Files.writeString(inventory(), withDb4);

        CliRun refused = apply();

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.USAGE.code());
        assertThat(refused.err()).contains("no longer name etcd member db3 of the running cluster; 'apply --prune' removes it",
                "No host was changed");
        assertThat(refused.out()).contains("did not name " + db4 + ", db4: made a new one with the kept CA");
        assertThat(lab.exec("db4", "systemctl", "is-active", "--quiet", "k3j-etcd").ok()).as("k3j-etcd on db4 after the refusal").isFalse();

        Path kubeconfig = temp.resolve("kubeconfig");
        CliRun pruned;
        try (ApiWatch watch = ApiWatch.start(lab, kubeconfig)) {
            watch.awaitSamples(3);
            pruned = apply("--prune");
            watch.awaitSamples(watch.samples() + 3);
            watch.assertAlwaysServing();
        }

        assertThat(pruned.exitCode()).as(pruned.all()).isZero();
        String members = lab.exec("db4", "etcdctl", "--endpoints=http://127.0.0.1:2379", "member", "list")
                .orThrow("etcdctl member list on db4").stdout();
        assertThat(members.strip().lines()).as("db4's member list").hasSize(3).allMatch(line -> line.endsWith(", false"));
        for (String member : List.of("db1", "db2", "db4")) {
            assertThat(members).contains(", started, " + member + ", https://" + lab.host(member).address() + ":2380");
        }
        assertThat(members).doesNotContain("db3");
        assertThat(lab.exec("db3", "systemctl", "is-active", "--quiet", "k3j-etcd").ok()).as("k3j-etcd running on db3").isFalse();
        assertThat(lab.exec("db3", "systemctl", "is-enabled", "--quiet", "k3j-etcd").ok()).as("k3j-etcd enabled on db3").isFalse();
        assertThat(lab.exec("db3", "sh", "-c", "ls -d /var/lib/etcd/k3j /etc/etcd/k3j-etcd.conf.yml 2>/dev/null").stdout())
                .as("db3's member data and config").isBlank();
        for (String server : SERVERS) {
            assertThat(lab.exec(server, "cat", "/etc/rancher/k3s/config.yaml").orThrow("read " + server + "'s config").stdout())
                    .contains("https://" + db4 + ":2379").doesNotContain(db3);
        }
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), SERVERS, WORKERS);

        CliRun again = apply();
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory")
                .doesNotContain("made a new one");
    }

    /** The first certificate of a PEM file on a lab host. */
    private static X509Certificate certificate(Lab lab, String host, String path) throws Exception {
        try (var in = Files.newInputStream(lab.rootOf(host).resolve(path))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Path inventory() {
        return temp.resolve("inventory.yaml");
    }

    private static CliRun apply(String... more) {
        List<String> arguments = new ArrayList<>(List.of("--kubeconfig=" + temp.resolve("kubeconfig")));
        arguments.addAll(List.of(more));
        return CliRun.onInventory(Map.of(), "apply", inventory(), temp, arguments.toArray(String[]::new));
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
