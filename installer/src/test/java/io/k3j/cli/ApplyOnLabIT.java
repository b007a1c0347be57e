package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.ClusterNodes;
import io.k3j.labtest.LabInventory;
import io.k3j.labtest.LabKnownHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole install on the lab: PostgreSQL and HAProxy set up by k3j-install, 3 servers, 2 workers,
 * K3s (the double) downloaded from the lab's mirror. First the failures that must stop apply
 * before it changes a host (or, for a bad download, before K3s is on any host); then the whole
 * install from there, a second apply that changes nothing, and a changed label that restarts one
 * worker alone.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplyOnLabIT {
    private static final Map<String, String> SECRETS = Map.of("K3S_TOKEN", "lab-token-secret", "K3S_DB_PASSWORD", "lab-db-secret");

    @TempDir
    static Path temp;

    private static Path inventory;

    @BeforeAll
    static void publishK3s(Lab lab) {
        lab.publish(RELEASE);
        inventory = LabInventory.write(lab, temp);
    }

    private static final Path RELEASE = Path.of(System.getProperty("k3j.repo.root"), "lab/k3s-double/target/release");
    private static final List<String> HOSTS = List.of("db1", "lb1", "server1", "server2", "server3", "worker1", "worker2");

    private static CliRun apply(String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "apply";
        args[1] = inventory.toString();
        args[2] = "--log-file=" + temp.resolve("run.log");
        args[3] = "--kubeconfig=" + temp.resolve("lab.kubeconfig");
        System.arraycopy(more, 0, args, 4, more.length);
        return CliRun.with(SECRETS, false, args);
    }

    @Test
    @Order(1)
    void anUnknownHostKeyStopsApplyBeforeAnyHostIsChanged(Lab lab) {
        Path partial = LabKnownHosts.without(lab, "worker2", temp.resolve("partial_known_hosts"));

        CliRun run = apply("--known-hosts=" + partial);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(run.err()).contains(lab.host("worker2").address()).contains("unknown host key").contains("SHA256:")
                .contains("--accept-new-host-keys");
        assertNoHostChanged(lab);
    }

    @Test
    @Order(2)
    void anUnreachableHostStopsApplyBeforeAnyHostIsChanged(Lab lab) {
        lab.cut("worker1");
        try {
            CliRun run = apply();

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
            assertThat(run.err()).contains(lab.host("worker1").address());
            assertNoHostChanged(lab);
        } finally {
            lab.restore("worker1");
        }
    }

    @Test
    @Order(3)
    void aK3sBinaryThatFailsItsChecksumIsInstalledOnNoServer(Lab lab) throws IOException {
        Path tampered = temp.resolve("tampered");
        Path version = Files.createDirectories(tampered.resolve("v1.31.4+k3s1"));
        Files.copy(RELEASE.resolve("v1.31.4+k3s1/sha256sum-amd64.txt"), version.resolve("sha256sum-amd64.txt"));
        Files.writeString(version.resolve("k3s"), "#!/bin/sh\necho tampered\n");
        lab.publish(tampered);
        try {
            CliRun run = apply();

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.APPLY_FAILED.code());
            assertThat(run.err()).contains(lab.host("server1").address()).contains("step 2. Servers").contains("sha256 does not match");
            for (String server : List.of("server1", "server2", "server3")) {
                assertThat(lab.exec(server, "test", "-e", "/usr/local/bin/k3s").exitCode()).as(server + " has no k3s").isNotZero();
            }
        } finally {
            lab.publish(RELEASE);
        }
    }

    @Test
    @Order(4)
    void aFirstApplyBuildsTheWholeClusterAndHandsOutAKubeconfigForTheRegistrationAddress(Lab lab) throws Exception {
        CliRun run = apply();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        ClusterNodes.assertAllReady(lab.exec("server1", "k3s", "kubectl", "get", "nodes").orThrow("get nodes").stdout());
        Path kubeconfig = temp.resolve("lab.kubeconfig");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-------");
        String lb = lab.host("lb1").address();
        assertThat(Files.readString(kubeconfig)).contains("server: https://" + lb + ":6443").contains("current-context: lab");
        // kubectl from this machine, through the registration address, with the kubeconfig apply wrote
        assertThat(kubectl(kubeconfig)).contains("worker2").contains("Ready");
        assertThat(run.out()).contains("kubeconfig: " + kubeconfig);
        assertThat(run.out() + run.err() + Files.readString(temp.resolve("run.log"))).doesNotContain("lab-token-secret", "lab-db-secret");
        assertThat(lab.exec("server2", "stat", "-c", "%a", "/etc/rancher/k3s/config.yaml").stdout().strip()).isEqualTo("600");
        assertThat(lab.exec("server2", "sh", "-c", "tr '\\0' ' ' < /proc/$(systemctl show -p MainPID --value k3s)/cmdline").stdout())
                .doesNotContain("lab-token-secret");
    }

    @Test
    @Order(5)
    void aSecondApplyChangesNothingAndRestartsNothing(Lab lab) {
        String before = invocations(lab);

        CliRun run = apply();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("no changes: every host already matched the inventory").doesNotContain(" changed  ");
        assertThat(invocations(lab)).isEqualTo(before);
    }

    @Test
    @Order(6)
    void aNewLabelOnAWorkerRestartsThatWorkerAlone(Lab lab) throws IOException {
        String before = invocations(lab);
        Files.writeString(inventory, Files.readString(inventory).replace("name: worker2}", "name: worker2, labels: {disk: ssd}}"));

        CliRun run = apply("--output=json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        List<String> changedHosts = run.out().lines().filter(line -> line.startsWith("{\"event\":\"host\"") && line.contains("\"status\":\"ok\""))
                .filter(line -> !line.contains("\"changed\":0,")).toList();
        assertThat(changedHosts).hasSize(1).allMatch(line -> line.contains("\"host\":\"" + lab.host("worker2").address() + "\""));
        String after = invocations(lab);
        assertThat(after.lines().filter(line -> !line.startsWith("worker2"))).containsExactlyElementsOf(
                before.lines().filter(line -> !line.startsWith("worker2")).toList());
        assertThat(after).isNotEqualTo(before);
        assertThat(lab.exec("server1", "k3s", "kubectl", "get", "nodes", "-o", "json").stdout()).contains("\"disk\":\"ssd\"");
    }

    /** Nothing of ours on any host: no k3j state, no K3s, no datastore or load balancer running. */
    private static void assertNoHostChanged(Lab lab) {
        for (String host : HOSTS) {
            String ours = lab.exec(host, "sh", "-c", "ls -d /etc/k3j /var/lib/k3j /etc/rancher /usr/local/bin/k3s 2>/dev/null; "
                    + "systemctl is-active postgresql haproxy k3s k3s-agent | grep -x active; grep -l k3j /etc/haproxy/haproxy.cfg").stdout();
            assertThat(ours).as("what apply left on " + host).isEmpty();
        }
    }

    /** Each K3s unit's systemd invocation id: it changes exactly when the unit is (re)started. */
    private static String invocations(Lab lab) {
        StringBuilder ids = new StringBuilder();
        for (String host : List.of("server1", "server2", "server3", "worker1", "worker2")) {
            String unit = host.startsWith("server") ? "k3s" : "k3s-agent";
            ids.append(host).append(' ').append(lab.exec(host, "systemctl", "show", "-p", "InvocationID", "--value", unit).stdout().strip())
                    .append('\n');
        }
        return ids.toString();
    }

    private static String kubectl(Path kubeconfig) throws IOException, InterruptedException {
        Path k3s = Path.of(System.getProperty("k3j.repo.root"), "lab/k3s-double/target/release/v1.31.4+k3s1/k3s");
        Process process = new ProcessBuilder(k3s.toString(), "kubectl", "--kubeconfig", kubeconfig.toString(), "get", "nodes")
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl finished").isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
