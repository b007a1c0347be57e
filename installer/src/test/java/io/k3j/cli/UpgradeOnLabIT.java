package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ClusterNodes;
import io.k3j.apply.Node;
import io.k3j.backup.BackupManifest;
import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling upgrade on the lab, one install: 3 servers and 4 workers on the double's oldest release,
 * a skipped minor refused before any host changes, then two upgrades of one minor each while a
 * watcher asks every server's /readyz and the registration address's with real kubectl; a pod on
 * a drained worker evicted, and a backup of the datastore taken first; a PodDisruptionBudget stopping
 * a drain; once it is deleted, an apply interrupted (SIGINT) mid-rollout, and the apply after it
 * finishing the job.
 */
@LabTopology("ha-upgrade")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeOnLabIT {
    private static final Map<String, String> SECRETS = Map.of("K3S_TOKEN", "lab-token-secret", "K3S_DB_PASSWORD", "lab-db-secret");
    private static final String OLDEST = "v1.30.8+k3s1";
    private static final String NEXT = "v1.31.4+k3s1";
    private static final String LATEST = "v1.32.0+k3s1";
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2", "worker3", "worker4");

    @TempDir
    static Path temp;

    private static Path kubeconfig;

    @BeforeAll
    static void publishK3s(Lab lab) {
        lab.publish(LabCluster.RELEASE);
        kubeconfig = temp.resolve("lab.kubeconfig");
        // The install (1) and the budget's test (5) restart the servers only on the way to what they test; the watched upgrade (4) waits
        // through the double's whole K3s-like start-up (docs/k3s-double.md).
        LabCluster.startServersQuickly(lab, SERVERS);
    }

    private static CliRun apply(Lab lab, String version, String... more) {
        List<String> args = new ArrayList<>(List.of("--kubeconfig=" + kubeconfig));
        args.addAll(List.of(more));
        return CliRun.onInventory(SECRETS, "apply", inventory(lab, version), temp, args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void theOldestReleaseInstalls(Lab lab) {
        CliRun run = apply(lab, OLDEST);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(versions(lab)).containsOnly(OLDEST);
    }

    @Test
    @Order(2)
    void aSkippedMinorIsRefusedAtPreflightWithNothingChanged(Lab lab) {
        String before = unitStarts(lab);

        CliRun run = apply(lab, LATEST);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(run.err()).contains(OLDEST).contains(LATEST);
        assertThat(unitStarts(lab)).isEqualTo(before);
        for (String host : concat(SERVERS, WORKERS)) {
            assertThat(lab.exec(host, "k3s", "--version").stdout()).as(host).startsWith("k3s version " + OLDEST + " ");
        }
    }

    @Test
    @Order(3)
    void thePlanShowsEachServerThenEachWorkerBatchUpgrading(Lab lab) {
        CliRun run = CliRun.onInventory(SECRETS, "plan", inventory(lab, NEXT), temp, "--no-files");

        assertThat(run.exitCode()).as(run.all()).isZero();
        for (String host : concat(SERVERS, WORKERS)) {
            assertThat(run.out()).contains(lab.host(host).address() + " (").contains("upgrade " + OLDEST + " -> " + NEXT);
        }
        assertThat(run.out()).contains("4 upgraded to " + NEXT + ", 1 at a time (--max-unavailable 10%), each drained first")
                .contains("~ cordon node worker1 (kubelet " + OLDEST + " -> " + NEXT + ")").contains("~ drain node worker1")
                .doesNotContain("uncordon node worker1");
    }

    @Test
    @Order(4)
    void anUpgradeKeepsTwoServersServingRestartsThemOneAtATimeAndDrainsEachWorkerAroundItsRestart(Lab lab) throws Exception {
        kubectl(lab, "create", "--validate=false", "-f", manifest("pod.yaml", pod("web-1", "worker1")).toString());
        LabCluster.startServersAsK3sDoes(lab, SERVERS);
        String before = unitStarts(lab);

        CliRun run;
        try (ServingWatch watch = ServingWatch.start(lab, kubeconfig, SERVERS)) {
            run = apply(lab, NEXT, "--output=json");
            watch.assertAlwaysServing();
        }

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(versions(lab)).containsOnly(NEXT);
        assertRestartedOneAfterTheOther(lab, before);
        for (String server : SERVERS) {
            assertThat(drained(run, lab.host(server).address())).as(server)
                    .singleElement().asString().startsWith("out of HAProxy on " + lab.host("lb1").address() + " while it restarted (");
        }
        for (String worker : WORKERS) {
            assertThat(phases(run, lab.host(worker).address())).containsExactly("cordon", "drain", "start", "uncordon");
        }
        assertThat(kubectl(lab, "get", "pods", "-A", "-o", "name")).doesNotContain("pod/web-1");
        assertThat(unschedulable(lab)).isEmpty();
        assertBackedUpBefore(run, OLDEST);
    }

    @Test
    @Order(5)
    void aBudgetThatRefusesADrainStopsTheRolloutLeavingTheWorkerCordoned(Lab lab) throws Exception {
        kubectl(lab, "create", "--validate=false", "-f", manifest("guarded.yaml", pod("db-0", "worker1") + "---\n" + BUDGET).toString());
        LabCluster.startServersQuickly(lab, SERVERS);

        CliRun refused = apply(lab, LATEST, "--drain-timeout=10");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.APPLY_FAILED.code());
        assertThat(refused.err()).contains(lab.host("worker1").address()).contains("could not evict pod default/db-0")
                .contains("PodDisruptionBudget guard in default").contains("stays cordoned");
        assertThat(versions(lab, SERVERS)).containsOnly(LATEST);
        assertThat(versions(lab, WORKERS)).containsOnly(NEXT);
        assertThat(unschedulable(lab)).containsExactly("worker1");
    }

    /**
     * Once the budget is gone, an apply started as a process gets SIGINT (as Ctrl-C sends it) as soon
     * as its events show a worker after worker1 cordoned: worker1's batch is done, that worker's has begun.
     */
    @Test
    @Order(6)
    void anApplyInterruptedMidRolloutLeavesASupportedMixedStateAndTheNextApplyFinishes(Lab lab) throws Exception {
        kubectl(lab, "delete", "pdb", "guard");

        ApplyProcess interrupted = ApplyProcess.start(inventory(lab, LATEST), temp, kubeconfig, SECRETS);
        String worker = interrupted.interruptOnceCordoned(WORKERS.subList(1, WORKERS.size()).stream()
                .collect(Collectors.toMap(name -> lab.host(name).address(), name -> name)));

        assertThat(interrupted.exitCode()).as(interrupted.out()).isEqualTo(ExitCode.INTERRUPTED.code());
        assertThat(interrupted.out()).contains("\"event\":\"summary\"").contains("interrupted");
        assertThat(versions(lab, SERVERS)).containsOnly(LATEST);
        assertThat(versions(lab, WORKERS)).containsAnyOf(NEXT).isSubsetOf(NEXT, LATEST);
        assertThat(unschedulable(lab)).contains(worker);
        assertThat(kubectl(lab, "get", "node", worker, "-o", "jsonpath={.metadata.annotations.k3j\\.io/cordoned-for-upgrade}"))
                .as(worker + "'s mark").isEqualTo("true");

        CliRun resumed = apply(lab, LATEST);

        assertThat(resumed.exitCode()).as(resumed.all()).isZero();
        assertThat(versions(lab)).containsOnly(LATEST);
        assertThat(unschedulable(lab)).isEmpty();
        assertThat(kubectl(lab, "get", "pods", "-A", "-o", "name")).doesNotContain("pod/db-0");
        CliRun plan = CliRun.onInventory(SECRETS, "plan", inventory(lab, LATEST), temp, "--detailed-exitcode", "--no-files");
        assertThat(plan.exitCode()).as("a plan after the upgrade finished: " + plan.all()).isZero();
        assertThat(plan.out()).doesNotContain("a backup of the");
    }

    /** The upgrade's JSON events name the backup it took first, and its manifest the version the cluster had then. */
    private static void assertBackedUpBefore(CliRun run, String version) throws IOException {
        String event = run.out().lines().filter(line -> line.contains("\"event\":\"backup\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no backup event in " + run.out()));
        Path folder = Path.of(event.replaceFirst(".*\"path\":\"([^\"]+)\".*", "$1"));
        assertThat(folder.getParent()).isEqualTo(temp.resolve(".k3j/backups"));
        assertThat(folder.resolve("datastore.pgdump")).isNotEmptyFile();
        BackupManifest manifest = BackupManifest.parse(Files.readString(folder.resolve(BackupManifest.FILE))).orElseThrow();
        assertThat(manifest.k3sVersion()).isEqualTo(version);
        assertThat(run.out().indexOf("\"event\":\"backup\"")).as("the backup before the first host action")
                .isLessThan(run.out().indexOf("\"event\":\"action\""));
    }

    /**
     * Each server's unit restarted after {@code before}, and no two were down together: ordered by when each
     * became active again, each left active (its restart's stop) only after the one before it was active.
     * The servers after the first take the restart lock in the order they finish their downloads, so the
     * order among them is not fixed.
     */
    private static void assertRestartedOneAfterTheOther(Lab lab, String before) {
        String after = unitStarts(lab);
        List<Restart> restarts = new ArrayList<>();
        for (String server : SERVERS) {
            String[] was = line(before, server).split(" ");
            String[] now = line(after, server).split(" ");
            assertThat(now[1]).as(server + "'s InvocationID").isNotEqualTo(was[1]);
            restarts.add(new Restart(server, Long.parseLong(now[3]), Long.parseLong(now[2])));
        }
        restarts.sort(Comparator.comparingLong(Restart::up));
        for (int i = 1; i < restarts.size(); i++) {
            assertThat(restarts.get(i).down()).as(restarts.get(i).server() + " stopped (monotonic us) only after "
                    + restarts.get(i - 1).server() + " was active again").isGreaterThan(restarts.get(i - 1).up());
        }
    }

    /** When a server's unit left active for its restart and when it was active again, in monotonic microseconds. */
    private record Restart(String server, long down, long up) {
    }

    /** Per host a line: name, the K3s unit's InvocationID, its ActiveEnterTimestampMonotonic, its ActiveExitTimestampMonotonic. */
    private static String unitStarts(Lab lab) {
        return String.join("", LabCluster.fromEachAtOnce(concat(SERVERS, WORKERS), host -> unitStart(lab, host)));
    }

    private static String unitStart(Lab lab, String host) {
        String unit = SERVERS.contains(host) ? "k3s" : "k3s-agent";
        // systemctl prints properties in its own order, not in the order asked: each is read by its name.
        Map<String, String> shown = new HashMap<>();
        lab.exec(host, "systemctl", "show", "-p", "InvocationID", "-p", "ActiveEnterTimestampMonotonic",
                        "-p", "ActiveExitTimestampMonotonic", unit)
                .orThrow("systemctl show on " + host).stdout().strip().lines()
                .forEach(property -> shown.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1)));
        return host + ' ' + shown.get("InvocationID") + ' ' + shown.get("ActiveEnterTimestampMonotonic") + ' '
                + shown.get("ActiveExitTimestampMonotonic") + '\n';
    }

    private static String line(String lines, String host) {
        return lines.lines().filter(line -> line.startsWith(host + " ")).findFirst().orElseThrow();
    }

    /** The rollout's phases one worker went through, in the order their events ended: from apply's JSON action events. */
    private static List<String> phases(CliRun run, String address) {
        return run.out().lines().filter(line -> line.contains("\"event\":\"action\"") && line.contains("\"host\":\"" + address + "\"")
                        && line.contains("\"status\":\"ok\""))
                .map(line -> line.replaceFirst(".*\"action\":\"([a-z]+) .*", "$1"))
                .filter(List.of("cordon", "drain", "start", "uncordon")::contains).toList();
    }

    /** What the restart of k3s on the server said of its drain, once per restart. */
    private static List<String> drained(CliRun run, String address) {
        return run.out().lines().filter(line -> line.contains("\"event\":\"action\"") && line.contains("\"host\":\"" + address + "\"")
                        && line.contains("\"status\":\"ok\""))
                .map(line -> line.replaceFirst(".*; (out of HAProxy on [^;\"]*).*", "$1")).filter(said -> said.startsWith("out of HAProxy"))
                .toList();
    }

    private static List<String> versions(Lab lab) {
        return versions(lab, concat(SERVERS, WORKERS));
    }

    private static List<String> versions(Lab lab, List<String> names) {
        return LabCluster.nodes(lab, "server1").stream().filter(node -> names.contains(node.name())).map(Node::version).distinct().toList();
    }

    private static List<String> unschedulable(Lab lab) {
        String names = kubectl(lab, "get", "nodes", "--field-selector", "spec.unschedulable=true", "-o", "name");
        return names.lines().map(name -> name.replace("node/", "")).toList();
    }

    private static String kubectl(Lab lab, String... arguments) {
        return LabCluster.kubectlFromThisMachine(lab, kubeconfig, arguments);
    }

    private static Path manifest(String name, String yaml) throws IOException {
        return Files.writeString(temp.resolve(name), yaml);
    }

    /** A ReplicaSet's pod bound to {@code node}: kubectl drain evicts only pods a controller would replace (no --force). */
    private static String pod(String name, String node) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: default
                  labels: {app: %s}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: %s, uid: 6f1d2c8e-0000-4000-8000-00000000000%d, controller: true}]
                spec: {nodeName: %s, containers: [{name: c, image: web}]}
                """.formatted(name, name, name, name.length(), node);
    }

    private static final String BUDGET = """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: guard, namespace: default}
            spec: {minAvailable: 1, selector: {matchLabels: {app: db-0}}}
            """;

    private static Path inventory(Lab lab, String version) {
        String yaml = LabInventory.head(lab, "lab", "root").replace("version: " + LabCluster.K3S_VERSION, "version: " + version)
                .replace("mirror:", "token: \"${env:K3S_TOKEN}\", mirror:") + """
                  datastore:
                    type: postgres
                    provision: {host: {address: %s}, password: "${env:K3S_DB_PASSWORD}"}
                  servers:
                    hosts: [%s]
                """.formatted(lab.host("db1").address(), LabInventory.hostList(lab, "server")) + LabInventory.haproxyAndWorkers(lab);
        try {
            return Files.writeString(temp.resolve("inventory-" + version + ".yaml"), yaml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * Asks, over and over while an apply runs, each server's /readyz on its own address and the
     * registration address's, with this machine's kubectl and the kubeconfig apply wrote; and the
     * nodes, to count the servers Ready. A sample with fewer than two servers serving and Ready, or
     * whose one try through the registration address failed, is kept as a failure with kubectl's
     * words: HAProxy takes a stopped server out at its first refused connection and sends that
     * connection on to another (templates/haproxy/haproxy.cfg.ftl), and a starting one comes back
     * only once its /readyz answers past the supervisor's 503, so no client should see either; and
     * apply takes a server out of HAProxy (drain) before it stops it, so no request in flight is cut
     * (EOF) either. Each sample is asked once: any failure is a failure.
     */
    static final class ServingWatch implements AutoCloseable {
        private final Lab lab;
        private final Path kubeconfig;
        private final List<String> servers;
        private final List<String> failures = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        private int samples;

        private ServingWatch(Lab lab, Path kubeconfig, List<String> servers) {
            this.lab = lab;
            this.kubeconfig = kubeconfig;
            this.servers = servers;
            this.thread = new Thread(this::run, "serving-watch");
        }

        static ServingWatch start(Lab lab, Path kubeconfig, List<String> servers) {
            ServingWatch watch = new ServingWatch(lab, kubeconfig, servers);
            watch.thread.start();
            return watch;
        }

        private void run() {
            while (!stop.get()) {
                List<String> serving = servers.stream().filter(server -> readyz("--server=https://" + lab.host(server).address() + ":6443")
                        .ok()).toList();
                CommandResult registration = readyz();
                CommandResult nodes = lab.kubectl("--kubeconfig", kubeconfig.toString(), "--request-timeout=5s", "get", "nodes", "-o", "json");
                long ready = nodes.ok() ? ClusterNodes.parse(nodes.stdout()).stream()
                        .filter(node -> servers.contains(node.name()) && node.ready()).count() : 0;
                synchronized (this) {
                    samples++;
                    if (serving.size() < 2 || !registration.ok() || !nodes.ok() || ready < 2) {
                        failures.add("serving " + serving + ", registration " + (registration.ok() ? "ok" : "down: " + said(registration))
                                + ", nodes " + (nodes.ok() ? "read" : "unread: " + said(nodes)) + ", servers Ready " + ready);
                    }
                }
            }
        }

        /** /readyz asked once, with a server given or through the kubeconfig's (the registration address); ok only when it says ok. */
        private CommandResult readyz(String... server) {
            List<String> command = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString(), "--request-timeout=5s"));
            command.addAll(List.of(server));
            command.addAll(List.of("get", "--raw", "/readyz"));
            CommandResult result = lab.kubectl(command.toArray(String[]::new));
            return result.ok() && !result.stdout().strip().equals("ok")
                    ? new CommandResult(1, result.stdout(), "answered '" + result.stdout().strip() + "'") : result;
        }

        private static String said(CommandResult failed) {
            return failed.stderr().strip().replace('\n', ' ');
        }

        synchronized void assertAlwaysServing() {
            // A figure for docs/upgrade.md's known limits, printed whether or not the test passes.
            System.out.println("ServingWatch: " + samples + " samples, " + failures.size() + " failed");
            assertThat(samples).as("samples taken").isGreaterThan(10);
            assertThat(failures).as("samples with fewer than two servers serving or a failed try through the registration address, of "
                    + samples).isEmpty();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }
}
