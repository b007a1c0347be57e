package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ClusterNodes;
import io.k3j.apply.Node;
import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import io.k3j.labtest.LabKnownHosts;
import io.k3j.labtest.NodeWatch;
import io.k3j.plan.Paths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole install on the lab: PostgreSQL and HAProxy set up by k3j-install, 3 servers, workers,
 * K3s (the double) downloaded from the lab's mirror. First the failures that must stop apply
 * before it changes a host (or, for a bad download, before K3s is on any host); an apply stopped by
 * Ctrl-C in a terminal, saying where it was; then the install from there with one worker, a second apply that changes nothing, a second worker that joins
 * without touching the other hosts, then plan and apply --dry-run saying there is nothing to do, and a new label
 * that the plan names (that worker's drop-in and the label, no restart) and apply then does alone; no worker
 * holding the server token; and a cluster of an earlier version (agents on the server token) moved
 * to an agent token, servers one at a time, then the agents, every node Ready throughout. Then
 * (30-39) labels and taints added, changed and removed, and the dedicated control plane turned on
 * and off, all through the API: no unit restarted, a label someone else set kept.
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
        lab.publish(LabCluster.RELEASE);
        inventory = LabInventory.write(lab, temp);
    }

    private static final String LAUNCHER = Path.of(System.getProperty("k3j.repo.root"), "k3j-install").toString();
    private static final List<String> HOSTS = List.of("db1", "lb1", "server1", "server2", "server3", "worker1", "worker2");
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");
    /** worker2 in the inventory's host list, as LabInventory writes it, given its address. */
    private static final String WORKER2_ENTRY = ", {address: %s, name: worker2}";
    private static final String K3S_CONFIG = "/etc/rancher/k3s/config.yaml";
    private static final String NODE_CONFIG = "/etc/rancher/k3s/config.yaml.d/50-k3j-node.yaml";
    private static final String NODE_CONFIG_WHY = "labels and taints for a node's registration; set through the API, no restart";
    private static final String SERVER_DATA = "/var/lib/rancher/k3s/server/";
    private static final String STAMPS = "/var/lib/k3j/stamps/";

    private static CliRun apply(String... more) {
        List<String> args = new ArrayList<>(List.of("--kubeconfig=" + temp.resolve("lab.kubeconfig")));
        args.addAll(List.of(more));
        return CliRun.onInventory(SECRETS, "apply", inventory, temp, args.toArray(String[]::new));
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
        Path version = Files.createDirectories(tampered.resolve(LabCluster.K3S_VERSION));
        Files.copy(LabCluster.RELEASE.resolve(LabCluster.K3S_VERSION + "/sha256sum-amd64.txt"), version.resolve("sha256sum-amd64.txt"));
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
            lab.publish(LabCluster.RELEASE);
        }
    }

    @Test
    @Order(4)
    void ctrlCInATerminalStopsApplySayingWhereEachHostWasAndNothingIsUndone(Lab lab) throws Exception {
        Map<String, String> environment = new HashMap<>(SECRETS);
        environment.put("TERM", "xterm-256color");
        try (PtySession apply = PtySession.start(LAUNCHER + " apply " + inventory + " --log-file=" + temp.resolve("interrupted.log"),
                temp, environment)) {
            apply.expect("2. Servers", Duration.ofMinutes(5)).interrupt("apply interrupted (Ctrl-C or SIGTERM)");
            apply.expect("step 2. Servers: interrupted while at: ").expect("run 'k3j-install apply " + inventory + "' again");
            assertThat(apply.exitCode()).isEqualTo(ExitCode.INTERRUPTED.code());
        }
        // The datastore step was done and stays done; the next apply (below) carries on from there.
        assertThat(lab.exec("db1", "systemctl", "is-active", "postgresql").stdout().strip()).isEqualTo("active");
    }

    @Test
    @Order(5)
    void aFirstApplyBuildsTheWholeClusterAndHandsOutAKubeconfigForTheRegistrationAddress(Lab lab) throws Exception {
        // worker2 joins later, to show that a new worker touches no other host
        Files.writeString(inventory, Files.readString(inventory).replace(WORKER2_ENTRY.formatted(lab.host("worker2").address()), ""));

        CliRun run = apply();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), SERVERS, List.of("worker1"));
        Path kubeconfig = temp.resolve("lab.kubeconfig");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-------");
        String lb = lab.host("lb1").address();
        assertThat(Files.readString(kubeconfig)).contains("server: https://" + lb + ":6443").contains("current-context: lab");
        // kubectl from this machine, through the registration address, with the kubeconfig apply wrote
        assertThat(LabCluster.kubectlFromThisMachine(lab, kubeconfig, "get", "nodes")).contains("worker1").contains("Ready");
        assertThat(run.out()).contains("kubeconfig: " + kubeconfig);
        assertThat(run.out() + run.err() + Files.readString(temp.resolve("run.log"))).doesNotContain("lab-token-secret", "lab-db-secret");
        assertThat(lab.exec("server2", "stat", "-c", "%a", "/etc/rancher/k3s/config.yaml").stdout().strip()).isEqualTo("600");
        assertThat(lab.exec("server2", "sh", "-c", "tr '\\0' ' ' < /proc/$(systemctl show -p MainPID --value k3s)/cmdline").stdout())
                .doesNotContain("lab-token-secret");
    }

    @Test
    @Order(6)
    void aSecondApplyChangesNothingAndRestartsNothingAndThePlanAndDryRunSayNothingIsToDo(Lab lab) {
        String before = LabCluster.invocations(lab, SERVERS, List.of("worker1"));

        CliRun run = apply();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("no changes: every host already matched the inventory").doesNotContain(" changed  ");
        CliRun plan = CliRun.onInventory(SECRETS, "plan", inventory, temp, "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("Nothing to do: every host matches the inventory.").doesNotContain("\n    + ", "\n    ~ ");
        CliRun dryRun = apply("--dry-run", "--detailed-exitcode");
        assertThat(dryRun.exitCode()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("Nothing to do: every host matches the inventory.");
        assertThat(plan.out() + plan.err() + dryRun.out() + dryRun.err()).doesNotContain("lab-token-secret", "lab-db-secret");
        assertThat(LabCluster.invocations(lab, SERVERS, List.of("worker1"))).isEqualTo(before);
    }

    @Test
    @Order(7)
    void aNewWorkerJoinsRestartingNothingElseAndTheServersOnlyAddItToTheirRecordOfManagedHosts(Lab lab) throws IOException {
        String before = LabCluster.invocations(lab, SERVERS, List.of("worker1"));
        String worker1 = "name: worker1}";
        String worker2 = lab.host("worker2").address();
        Files.writeString(inventory, Files.readString(inventory).replace(worker1, worker1 + WORKER2_ENTRY.formatted(worker2)));

        CliRun run = apply("--output=json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(changedHosts(run)).contains(worker2);
        assertThat(changes(run, "action", "\"result\":\"(changed|added|removed)\"")).filteredOn(change -> !change.startsWith(worker2 + ": "))
                .as("on the other hosts, only the servers' record of the hosts k3j-install manages, which now names worker2")
                .containsExactlyInAnyOrderElementsOf(SERVERS.stream()
                        .map(server -> lab.host(server).address() + ": write " + Paths.MANAGED_HOSTS + " (0600)").toList());
        assertThat(LabCluster.invocations(lab, SERVERS, List.of("worker1"))).isEqualTo(before);
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server3"), SERVERS, WORKERS);
    }

    @Test
    @Order(8)
    void aNewLabelOnAWorkerIsPlannedAsItsDropInAndTheLabelAndApplyDoesExactlyThatRestartingNothing(Lab lab) throws IOException {
        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        Files.writeString(inventory, Files.readString(inventory).replace("name: worker2}", "name: worker2, labels: {disk: ssd}}"));
        String worker2 = lab.host("worker2").address();

        CliRun plan = CliRun.onInventory(SECRETS, "plan", inventory, temp, "--detailed-exitcode", "--output=json");

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(ExitCode.CHANGES_PENDING.code());
        assertThat(changes(plan, "plan-action", "\"change\":\"(add|change|remove)\"")).containsExactly(
                worker2 + ": write " + NODE_CONFIG + " (0600; " + NODE_CONFIG_WHY + ")", worker2 + ": " + keepLabels(lab, "worker2"));
        assertThat(plan.out()).contains("\"detail\":\"worker2: label disk=ssd\"").doesNotContain("restart k3s-agent:");
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).as("the plan restarted nothing").isEqualTo(before);

        CliRun run = apply("--output=json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(changes(run, "action", "\"result\":\"(changed|added)\"")).containsExactly(
                worker2 + ": write " + NODE_CONFIG + " (0600; " + NODE_CONFIG_WHY + ")", worker2 + ": " + keepLabels(lab, "worker2"));
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).as("no unit restarted").isEqualTo(before);
        assertThat(LabCluster.nodes(lab, "server1")).filteredOn(node -> node.name().equals("worker2"))
                .singleElement().satisfies(node -> assertThat(node.labels()).containsEntry("disk", "ssd"));
    }

    @Test
    @Order(9)
    void noWorkerFileHoldsTheServerTokenAndAWorkersTokenIsRefusedWhereOnlyServersMayAsk(Lab lab) {
        assertNoWorkerFileHoldsTheServerToken(lab);
        String workerToken = configToken(lab, "worker1");
        assertThat(workerToken).matches("K10[0-9a-f]{64}::node:[0-9a-f]{32}");
        String agentPassword = workerToken.substring(workerToken.indexOf("::node:") + "::node:".length());
        // The bootstrap data a joining server reads is for the k3s:server role only (router.go); the node user gets 403.
        String bootstrap = "https://" + lab.host("server1").address() + ":6443/v1-k3s/server-bootstrap";
        assertThat(httpStatus(lab, "worker1", "node:" + agentPassword, bootstrap)).isEqualTo("403");
        assertThat(httpStatus(lab, "worker1", "server:" + agentPassword, bootstrap)).isEqualTo("401");
        assertThat(httpStatus(lab, "server2", "server:lab-token-secret", bootstrap)).isEqualTo("200");
    }

    @Test
    @Order(10)
    void aClusterInstalledWithoutAnAgentTokenMovesToOneServersOneAtATimeThenAgentsAndNoNodeLeavesReady(Lab lab) throws Exception {
        // The shape an earlier k3j-install left: servers without agent-token, agents joined with the server token,
        // the units' stamps those of other files (removed here: either way they do not match the files of now).
        // Each set restarts at once, agents first while every server is up: the servers accept the server token
        // before and after, and a node misses heartbeats for one restart only, well inside the 40 s grace.
        String serverToken = lab.exec("server1", "cat", SERVER_DATA + "token").orThrow("read the token").stdout().strip();
        // The old shape's restart of the servers is set-up: quick; the apply's restarts, which this tests, get the whole start-up.
        LabCluster.startServersQuickly(lab, SERVERS);
        LabCluster.onEachAtOnce(WORKERS, worker -> {
            lab.exec(worker, "sh", "-c", "sed -i 's/^token: .*/token: \"" + serverToken + "\"/' " + K3S_CONFIG
                    + " && rm " + STAMPS + "services-k3s-agent && systemctl restart k3s-agent").orThrow("old shape on " + worker);
            assertThat(configToken(lab, worker)).isEqualTo(serverToken);
        });
        LabCluster.onEachAtOnce(SERVERS, server -> {
            lab.exec(server, "sh", "-c", "sed -i '/^agent-token:/d' " + K3S_CONFIG
                    + " && rm " + STAMPS + "services-k3s && systemctl restart k3s").orThrow("old shape on " + server);
            assertThat(lab.exec(server, "readlink", SERVER_DATA + "agent-token").stdout().strip()).isEqualTo("token");
        });
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), SERVERS, WORKERS);
        LabCluster.startServersAsK3sDoes(lab, SERVERS);
        String before = LabCluster.invocations(lab, SERVERS, WORKERS);

        CliRun run;
        List<String> notReady;
        try (NodeWatch watch = NodeWatch.start(lab, SERVERS)) {
            run = apply();
            assertThat(watch.samples()).as("node samples taken during the apply").isPositive();
            notReady = watch.notReady();
        }

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(notReady).as("nodes seen NotReady during the apply").isEmpty();
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS).lines()).as("every K3s unit restarted")
                .doesNotContainAnyElementsOf(before.lines().toList());
        List<long[]> servers = SERVERS.stream().map(server -> startAndReady(lab, server, "k3s"))
                .sorted(Comparator.comparingLong(times -> times[0])).toList();
        for (int i = 1; i < servers.size(); i++) {
            assertThat(servers.get(i)[0]).as("a server restarted only once the one before it was ready").isGreaterThanOrEqualTo(servers.get(i - 1)[1]);
        }
        for (String worker : WORKERS) {
            assertThat(startAndReady(lab, worker, "k3s-agent")[0]).as(worker + " restarted after every server was ready")
                    .isGreaterThanOrEqualTo(servers.get(servers.size() - 1)[1]);
            assertThat(configToken(lab, worker)).matches("K10[0-9a-f]{64}::node:[0-9a-f]{32}").doesNotContain("lab-token-secret");
        }
        assertNoWorkerFileHoldsTheServerToken(lab);
        for (String server : SERVERS) {
            assertThat(lab.exec(server, "stat", "-c", "%F", SERVER_DATA + "agent-token").stdout().strip()).isEqualTo("regular file");
        }
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server2"), SERVERS, WORKERS);
    }

    @Test
    @Order(90)
    void aChangedTokenIsRotatedOnTheRunningClusterServersOneAtATimeAndThenOnlyTheNewOneJoinsAServer(Lab lab) throws Exception {
        Map<String, String> rotated = Map.of("K3S_TOKEN", "lab-token-rotated", "K3S_DB_PASSWORD", "lab-db-secret");
        String bootstrap = "https://" + lab.host("server1").address() + ":6443/v1-k3s/server-bootstrap";
        // The order of the restarts is what is tested here (each after the one before was ready), not the wait through one.
        LabCluster.startServersQuickly(lab, SERVERS);
        String agentsBefore = LabCluster.invocations(lab, List.of(), WORKERS);

        CliRun plan = CliRun.onInventory(rotated, "plan", inventory, temp, "--detailed-exitcode");

        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isEqualTo(ExitCode.CHANGES_PENDING.code());
        assertThat(plan.out()).contains("~ rotate the server token to the inventory's");
        assertThat(httpStatus(lab, "server2", "server:lab-token-secret", bootstrap)).as("the plan rotated nothing").isEqualTo("200");

        CliRun run;
        List<String> notReady;
        try (NodeWatch watch = NodeWatch.start(lab, SERVERS)) {
            run = CliRun.onInventory(rotated, "apply", inventory, temp, "--kubeconfig=" + temp.resolve("lab.kubeconfig"));
            notReady = watch.notReady();
        }

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(notReady).as("nodes seen NotReady during the rotation").isEmpty();
        for (String server : SERVERS) {
            assertThat(lab.exec(server, "cat", SERVER_DATA + "token").orThrow("token of " + server).stdout().strip())
                    .as(server + "'s token file").endsWith("::server:lab-token-rotated");
        }
        List<long[]> servers = SERVERS.stream().map(server -> startAndReady(lab, server, "k3s"))
                .sorted(Comparator.comparingLong(times -> times[0])).toList();
        for (int i = 1; i < servers.size(); i++) {
            assertThat(servers.get(i)[0]).as("a server restarted only once the one before it was ready").isGreaterThanOrEqualTo(servers.get(i - 1)[1]);
        }
        assertThat(LabCluster.invocations(lab, List.of(), WORKERS)).as("the agents join with the agent token: none restarted")
                .isEqualTo(agentsBefore);
        assertThat(httpStatus(lab, "server2", "server:lab-token-secret", bootstrap)).as("the old token").isEqualTo("401");
        assertThat(httpStatus(lab, "server2", "server:lab-token-rotated", bootstrap)).as("the new token").isEqualTo("200");
        assertThat(LabCluster.kubectlFromThisMachine(lab, temp.resolve("lab.kubeconfig"), "get", "nodes")).contains("worker1");
        assertThat(run.out() + run.err() + Files.readString(temp.resolve("run.log"))).doesNotContain("lab-token-rotated", "lab-token-secret");
        CliRun again = CliRun.onInventory(rotated, "plan", inventory, temp, "--detailed-exitcode");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    }

    // Upgrade preflight (issue 14): a target the run cannot reach refused before any host changes.

    @Test
    @Order(50)
    void anUnknownVersionIsRefusedNamingTheUrlTriedAndWhatAnsweredAndNoHostIsChanged(Lab lab) throws IOException {
        CliRun run = changingNoNode(lab, "apply", "v1.31.99+k3s1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        String sums = Lab.MIRROR_URL + "/v1.31.99%2Bk3s1/sha256sum-amd64.txt";
        for (String node : List.of("server1", "server2", "server3", "worker1", "worker2")) {
            assertThat(run.err()).contains(lab.host(node).address() + ": cannot get " + sums + ": curl: (22) The requested URL returned error: 404");
        }
        assertThat(run.err()).contains("set k3s.version to a release it has").contains("no host was changed");
    }

    @Test
    @Order(51)
    void aDowngradeIsRefusedNamingEachNodesVersionAndNoHostIsChanged(Lab lab) throws IOException {
        CliRun run = changingNoNode(lab, "apply", "v1.30.8+k3s1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        for (String node : List.of("server1", "server2", "server3", "worker1", "worker2")) {
            assertThat(run.err()).contains(lab.host(node).address() + ": K3s v1.31.4+k3s1 is installed; the inventory asks for the older v1.30.8+k3s1");
        }
    }

    @Test
    @Order(52)
    void aPlanForTheNextMinorPassesThePreflightFromEveryNodeAndSaysTheBackupApplyTakesChangingNothing(Lab lab) throws IOException {
        CliRun run = changingNoNode(lab, "plan", "v1.32.0+k3s1");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("preflight passed");
        assertThat(run.out()).contains("a backup of the postgres datastore on " + lab.host("db1").address())
                .contains(lab.host("server1").address() + " (v1.31.4+k3s1 -> v1.32.0+k3s1)")
                .contains(lab.host("worker2").address() + " (v1.31.4+k3s1 -> v1.32.0+k3s1)");
    }

    /** {@code command} run on the inventory with k3s.version {@code version}, asserting that it changed nothing on any node. */
    private static CliRun changingNoNode(Lab lab, String command, String version) throws IOException {
        String before = nodesState(lab);
        CliRun run = CliRun.onInventory(SECRETS, command, withVersion(version), temp);
        assertThat(nodesState(lab)).as("the nodes after " + command + " for " + version + ": " + run.out() + run.err()).isEqualTo(before);
        return run;
    }

    /** The inventory with another {@code k3s.version}, beside it (same run logs and state folder). */
    private static Path withVersion(String version) throws IOException {
        Path other = temp.resolve("version-" + version.replace('+', '-') + ".yaml");
        String text = Files.readString(inventory);
        assertThat(text).contains("version: " + LabCluster.K3S_VERSION);
        return Files.writeString(other, text.replace("version: " + LabCluster.K3S_VERSION, "version: " + version));
    }

    /** What an upgrade would change on the nodes: the units' invocations, the binary, K3s' config and k3j-install's stamps. */
    private static String nodesState(Lab lab) {
        return LabCluster.invocations(lab, SERVERS, WORKERS) + String.join("", LabCluster.fromEachAtOnce(
                List.of("server1", "server2", "server3", "worker1", "worker2"), node -> node + ' ' + lab.exec(node, "sh", "-c",
                        "sha256sum /usr/local/bin/k3s " + K3S_CONFIG + " " + STAMPS + "*").orThrow("checksums on " + node).stdout()));
    }

    @Test
    @Order(30)
    void aTaintAndALabelAreAddedChangedAndRemovedThroughTheApiRestartingNothingAndOthersLabelsStay(Lab lab) throws IOException {
        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        Path kubeconfig = temp.resolve("lab.kubeconfig");
        // someone else's label, and a label key k3j-install never managed
        LabCluster.kubectlFromThisMachine(lab, kubeconfig, "label", "node", "worker1", "team=web");
        String plain = Files.readString(inventory);

        setWorker1(plain, "labels: {zone: a}, taints: [\"gpu=true:NoSchedule\"]");
        CliRun added = apply();
        assertThat(added.exitCode()).as(added.out() + added.err()).isZero();
        assertWorker1(lab, kubeconfig, Map.of("zone", "a", "team", "web"), List.of("gpu=true:NoSchedule"));

        setWorker1(plain, "labels: {zone: b}, taints: [\"gpu=false:NoSchedule\"]");
        CliRun changePlan = CliRun.onInventory(SECRETS, "plan", inventory, temp, "--detailed-exitcode");
        assertThat(changePlan.exitCode()).as(changePlan.out() + changePlan.err()).isEqualTo(ExitCode.CHANGES_PENDING.code());
        assertThat(changePlan.out()).contains("~ worker1: label zone=a -> zone=b", "~ worker1: taint gpu=true:NoSchedule -> gpu=false:NoSchedule")
                .doesNotContain("team", "~ restart", "+ restart");
        CliRun changed = apply();
        assertThat(changed.exitCode()).as(changed.out() + changed.err()).isZero();
        assertWorker1(lab, kubeconfig, Map.of("zone", "b", "team", "web"), List.of("gpu=false:NoSchedule"));

        Files.writeString(inventory, plain);
        CliRun removePlan = CliRun.onInventory(SECRETS, "plan", inventory, temp, "--output=json");
        assertThat(removePlan.out()).contains("{\"change\":\"remove\",\"detail\":\"worker1: label zone=b\"}",
                "{\"change\":\"remove\",\"detail\":\"worker1: taint gpu=false:NoSchedule\"}");
        CliRun removed = apply();
        assertThat(removed.exitCode()).as(removed.out() + removed.err()).isZero();
        assertWorker1(lab, kubeconfig, Map.of("team", "web"), List.of());
        assertThat(nodeFromThisMachine(lab, kubeconfig, "worker1").labels()).doesNotContainKey("zone");

        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).as("no unit restarted").isEqualTo(before);
    }

    @Test
    @Order(31)
    void theDedicatedControlPlaneIsTurnedOnThenOffThroughTheApiRestartingNothingAndThenThereIsNothingToDo(Lab lab) throws IOException {
        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        Path kubeconfig = temp.resolve("lab.kubeconfig");
        String plain = Files.readString(inventory);
        String taint = "k3s-controlplane=true:NoExecute";

        Files.writeString(inventory, plain.replace("  servers:\n", "  servers:\n    dedicatedControlPlane: true\n"));
        CliRun on = apply();
        assertThat(on.exitCode()).as(on.out() + on.err()).isZero();
        SERVERS.forEach(server -> assertThat(nodeFromThisMachine(lab, kubeconfig, server).taints()).as(server).containsExactly(taint));
        WORKERS.forEach(worker -> assertThat(nodeFromThisMachine(lab, kubeconfig, worker).taints()).as(worker).isEmpty());

        Files.writeString(inventory, plain);
        CliRun off = apply();
        assertThat(off.exitCode()).as(off.out() + off.err()).isZero();
        SERVERS.forEach(server -> assertThat(nodeFromThisMachine(lab, kubeconfig, server).taints()).as(server).isEmpty());

        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).as("no unit restarted").isEqualTo(before);
        CliRun plan = CliRun.onInventory(SECRETS, "plan", inventory, temp, "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("Nothing to do: every host matches the inventory.");
    }

    /** worker1's inventory entry with {@code more} (labels, taints) added to what {@code plain} has. */
    private static void setWorker1(String plain, String more) throws IOException {
        Files.writeString(inventory, plain.replace("name: worker1}", "name: worker1, " + more + "}"));
    }

    /** worker1 as real kubectl sees it through the registration address: exactly these labels of the test's, exactly these taints. */
    private static void assertWorker1(Lab lab, Path kubeconfig, Map<String, String> labels, List<String> taints) {
        Node node = nodeFromThisMachine(lab, kubeconfig, "worker1");
        assertThat(node.labels()).containsAllEntriesOf(labels);
        assertThat(node.taints()).containsExactlyInAnyOrderElementsOf(taints);
    }

    private static Node nodeFromThisMachine(Lab lab, Path kubeconfig, String name) {
        return ClusterNodes.parse(LabCluster.kubectlFromThisMachine(lab, kubeconfig, "get", "nodes", "-o", "json")).stream()
                .filter(node -> node.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no node " + name));
    }

    /** The description of step 5's action for a node. */
    private static String keepLabels(Lab lab, String node) {
        return "keep node " + node + "'s labels and taints as the inventory has them (kubectl label/taint on "
                + lab.host("server1").address() + "; no restart)";
    }

    /** Not in K3s' files, the units or k3j-install's stamps on any worker (K3S_TOKEN is the server token's password). */
    private static void assertNoWorkerFileHoldsTheServerToken(Lab lab) {
        for (String worker : WORKERS) {
            CommandResult found = lab.exec(worker, "grep", "-rlF", "--", SECRETS.get("K3S_TOKEN"), "/etc/rancher", "/var/lib/rancher",
                    "/etc/systemd/system", "/var/lib/k3j");
            assertThat(found.exitCode()).as(worker + ": grep found " + found.stdout() + found.stderr()).isEqualTo(1); // 1: no match
        }
    }

    /** The token line of a host's config.yaml, unquoted. */
    private static String configToken(Lab lab, String host) {
        return lab.exec(host, "sed", "-n", "s/^token: \"\\(.*\\)\"$/\\1/p", K3S_CONFIG).orThrow("token of " + host).stdout().strip();
    }

    /** The HTTP status a request with basic auth {@code user:password} gets, sent from a lab host. */
    private static String httpStatus(Lab lab, String from, String credentials, String url) {
        return lab.exec(from, "curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", "-u", credentials, url).stdout().strip();
    }

    /** When a unit's main process last started and when it became ready (systemd's monotonic clock, one kernel for all hosts). */
    private static long[] startAndReady(Lab lab, String host, String unit) {
        String[] lines = lab.exec(host, "systemctl", "show", "--value", "-p", "ExecMainStartTimestampMonotonic",
                "-p", "ActiveEnterTimestampMonotonic", unit).orThrow(unit + " on " + host).stdout().strip().split("\n");
        return new long[] {Long.parseLong(lines[0].strip()), Long.parseLong(lines[1].strip())};
    }

    /** "host: action" of each JSON event of {@code type} that matches {@code change}, in order. */
    private static List<String> changes(CliRun run, String type, String change) {
        return run.out().lines().filter(line -> line.startsWith("{\"event\":\"" + type + "\""))
                .filter(line -> line.matches(".*" + change + ".*"))
                .map(line -> line.replaceAll(".*\"host\":\"([^\"]+)\".*", "$1") + ": "
                        + line.replaceAll(".*\"action\":\"([^\"]+)\".*", "$1")).toList();
    }

    /** The hosts an apply with --output=json reports as changed. */
    private static List<String> changedHosts(CliRun run) {
        return run.out().lines().filter(line -> line.startsWith("{\"event\":\"host\"") && line.contains("\"status\":\"ok\""))
                .filter(line -> !line.contains("\"changed\":0,"))
                .map(line -> line.replaceAll(".*\"host\":\"([^\"]+)\".*", "$1")).toList();
    }

    /** Nothing of ours on any host: no k3j state, no K3s, no datastore or load balancer we set up. */
    private static void assertNoHostChanged(Lab lab) {
        LabCluster.assertNothingOfOursOn(lab, HOSTS);
        for (String host : List.of("db1", "lb1")) {
            String ours = lab.exec(host, "sh", "-c", "systemctl is-active postgresql haproxy | grep -x active; "
                    + "grep -l k3j /etc/haproxy/haproxy.cfg").stdout();
            assertThat(ours).as("what apply left on " + host).isEmpty();
        }
    }
}
