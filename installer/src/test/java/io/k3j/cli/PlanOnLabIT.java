package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabHost;
import io.k3j.lab.LabTopology;
import io.k3j.lock.ApplyLease;
import io.k3j.lock.HostLock;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** `plan` against real hosts: facts, preflight, host keys, and files shown as added, changed (a diff) or left out, unchanged. */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanOnLabIT {
    private static final Map<String, String> SECRETS = Map.of("K3S_TOKEN", "lab-token-secret", "K3S_DB_PASSWORD", "lab-db-secret");

    @TempDir
    Path temp;

    /** The preflight checks that each node that would download finds the release on the mirror. */
    @BeforeAll
    static void publishK3s(Lab lab) {
        lab.publish(LabCluster.RELEASE);
    }

    private CliRun plan(Path inventory, String... more) {
        return CliRun.onInventory(SECRETS, "plan", inventory, temp, more);
    }

    @Test
    @Order(1)
    void onFreshHostsOurFilesAreNewAndNoSecretIsShownOrLogged(Lab lab) throws IOException {
        CliRun run = plan(LabInventory.write(lab, temp));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("connected to 7 hosts; preflight passed")
                .contains("+ write /etc/rancher/k3s/config.yaml (0600)")
                .contains("+ write /etc/systemd/system/k3s-agent.service (0644)")
                .contains("+ start k3s: not running")
                // the haproxy package ships a default configuration: shown as the diff to ours
                .contains("~ write /etc/haproxy/haproxy.cfg (0644)")
                .contains("+     server server1 " + lab.host("server1").address() + ":6443")
                .containsPattern("Plan: [0-9]+ to add, [0-9]+ to change, 0 to remove.");
        assertThat(run.out() + run.err()).doesNotContain("lab-token-secret", "lab-db-secret");
        assertThat(Files.readString(temp.resolve("run.log"))).contains("sh -s").doesNotContain("lab-token-secret");
    }

    @Test
    @Order(2)
    void aFileAlreadyThereIsShownUnchangedOrAsADiff(Lab lab) {
        Path inventory = LabInventory.write(lab, temp);
        // the offline plan's JSON has each file whole; this inventory's addresses are the hosts' own, as facts say
        CliRun first = plan(inventory, "--offline", "--output=json");
        String haproxy = first.out().lines().filter(line -> line.contains("\"host\":\"" + lab.host("lb1").address() + "\""))
                .findFirst().orElseThrow();
        String content = haproxy.replaceAll(".*\"path\":\"/etc/haproxy/haproxy.cfg\",\"mode\":\"0644\",\"owner\":\"root:root\","
                + "\"content\":\"(.*?)\"}.*", "$1").replace("\\n", "\n");
        lab.exec("lb1", "sh", "-c", "mkdir -p /etc/haproxy && printf '%s' \"$0\" > /etc/haproxy/haproxy.cfg", content)
                .orThrow("write haproxy.cfg");
        lab.exec("server1", "sh", "-c", "mkdir -p /etc/rancher/k3s && echo 'node-name: \"old\"' > /etc/rancher/k3s/config.yaml")
                .orThrow("write config.yaml");

        CliRun run = plan(inventory);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("write /etc/haproxy/haproxy.cfg").contains("~ write /etc/rancher/k3s/config.yaml (0600)")
                .contains("- node-name: \"old\"").contains("+ node-name: \"server1\"");
    }

    @Test
    @Order(3)
    void aPortInUseFailsThePreflightAndNamesTheHost(Lab lab) {
        lab.exec("server2", "systemd-run", "--unit=k3j-test-port", "nc", "-lk", "6443").orThrow("occupy port 6443");
        try {
            CliRun run = plan(LabInventory.write(lab, temp));

            assertThat(run.exitCode()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
            assertThat(run.err()).contains(lab.host("server2").address() + ": port 6443 is already in use")
                    .contains("no host was changed");
        } finally {
            lab.exec("server2", "systemctl", "stop", "k3j-test-port");
        }
    }

    @Test
    @Order(4)
    void anUnknownHostKeyStopsEverythingWithItsFingerprint(Lab lab) throws IOException {
        Path inventory = LabInventory.write(lab, temp);
        Path partial = temp.resolve("partial_known_hosts");
        Files.writeString(partial, Files.readString(lab.knownHosts()).lines()
                .filter(line -> !line.startsWith(lab.host("worker2").address() + ","))
                .reduce("", (all, line) -> all + line + "\n"));

        CliRun run = plan(inventory, "--known-hosts=" + partial);

        assertThat(run.exitCode()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(run.err()).contains(lab.host("worker2").address()).contains("unknown host key").contains("SHA256:")
                .contains("--accept-new-host-keys");

        CliRun accepted = plan(inventory, "--known-hosts=" + partial, "--accept-new-host-keys", "--no-files");
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(Files.readString(partial)).contains(lab.host("worker2").address());
    }

    /**
     * Last, as it installs the cluster: two applies started together on it, one runs and the other
     * stops at once (exit 4) naming the run that holds the lock; after both, no host keeps a lock,
     * nor after an apply killed while it held them.
     */
    @Test
    @Order(5)
    void ofTwoAppliesStartedTogetherOneRunsAndTheOtherStopsNamingTheHolder(Lab lab) throws Exception {
        LabCluster.startServersQuickly(lab, List.of("server1", "server2", "server3"));
        Path inventory = LabInventory.write(lab, temp);
        ExecutorService both = Executors.newFixedThreadPool(2);
        CountDownLatch ready = new CountDownLatch(2);
        List<Future<CliRun>> started = new ArrayList<>();
        try {
            for (String name : List.of("first", "second")) {
                started.add(both.submit(() -> {
                    ready.countDown();
                    ready.await();
                    return apply(inventory, name);
                }));
            }
            List<CliRun> runs = new ArrayList<>();
            for (Future<CliRun> run : started) {
                runs.add(run.get());
            }

            assertThat(runs).as(runs.toString()).extracting(CliRun::exitCode)
                    .containsExactlyInAnyOrder(ExitCode.OK.code(), ExitCode.PREFLIGHT_FAILED.code());
            CliRun stopped = runs.stream().filter(run -> run.exitCode() == ExitCode.PREFLIGHT_FAILED.code()).findFirst().orElseThrow();
            assertThat(stopped.err()).containsPattern(": another run holds the apply lock: root on \\S+ \\(pid [0-9]+\\) since 20")
                    .contains("no host was changed").contains("--wait-for-lock");
        } finally {
            both.shutdownNow();
        }
        for (LabHost host : lab.hosts()) {
            assertThat(lab.exec(host.name(), "sh", "-c", "test ! -s " + HostLock.LOCK_FILE + " && flock -n " + HostLock.LOCK_FILE
                    + " true").exitCode()).as("no lock nor holder's name left on " + host.name()).isZero();
        }
        // an apply killed while it holds the locks leaves none: each went with its SSH session
        ApplyProcess.start(inventory, temp, temp.resolve("killed.kubeconfig"), SECRETS).killOnceLocked();
        for (LabHost host : lab.hosts()) {
            assertThat(lab.exec(host.name(), "flock", "-w", "30", HostLock.LOCK_FILE, "true").exitCode())
                    .as("the lock of the killed apply released on " + host.name() + " within 30 s").isZero();
        }
        CliRun again = apply(inventory, "again");
        assertThat(again.exitCode()).as(again.all()).isZero();
    }

    /**
     * Beside the host locks, the cluster's apply Lease: released by every apply above (there, no
     * holder); held by another run and renewed now, it stops an apply before any change, named;
     * renewed longer ago than its duration, it is taken over with a warning, then released again.
     */
    @Test
    @Order(6)
    void theApplyLeaseHeldStopsAnApplyNamingItsHolderAndOnceLapsedIsTakenOver(Lab lab) {
        Path inventory = LabInventory.write(lab, temp);
        assertThat(lease(lab, "{.metadata.name}/{.spec.holderIdentity}")).isEqualTo(ApplyLease.NAME + "/");

        holdLease(lab, "alice@ops.example.com 4242", Instant.now());
        CliRun stopped = apply(inventory, "leased");
        holdLease(lab, "alice@ops.example.com 4242", Instant.now().minus(Duration.ofHours(1)));
        CliRun tookOver = apply(inventory, "took-over");

        assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(stopped.err()).contains(": another run holds the apply Lease kube-system/k3j-apply: 'alice@ops.example.com 4242'")
                .contains("no host was changed").contains("--wait-for-lock");
        assertThat(tookOver.exitCode()).as(tookOver.all()).isZero();
        assertThat(tookOver.all()).contains("taking over the apply Lease kube-system/k3j-apply from 'alice@ops.example.com 4242'");
        assertThat(lease(lab, "{.spec.holderIdentity}")).as("released at the end").isEmpty();
    }

    private static String lease(Lab lab, String jsonpath) {
        return lab.exec("server1", "k3s", "kubectl", "get", "lease", ApplyLease.NAME, "-n", ApplyLease.NAMESPACE, "-o",
                "jsonpath=" + jsonpath).orThrow("read the apply Lease").stdout();
    }

    /** Another operator's run, as its Lease would say it: held by {@code holder}, renewed at {@code renewed}, for 360 s. */
    private static void holdLease(Lab lab, String holder, Instant renewed) {
        lab.exec("server1", "k3s", "kubectl", "patch", "lease", ApplyLease.NAME, "-n", ApplyLease.NAMESPACE, "--type=merge", "-p",
                "{\"spec\":{\"holderIdentity\":\"" + holder + "\",\"renewTime\":\"" + renewed + "\",\"leaseDurationSeconds\":360}}")
                .orThrow("hold the apply Lease as " + holder);
    }

    private CliRun apply(Path inventory, String name) {
        return CliRun.with(SECRETS, false, "apply", inventory.toString(), "--log-file=" + temp.resolve(name + ".log"));
    }
}
