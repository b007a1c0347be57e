package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.Node;
import io.k3j.lab.Lab;
import io.k3j.lab.LabPostgres;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix (docs/testing.md), on 3 servers and 2 workers installed once on an existing
 * PostgreSQL on db1: each fault ends in exit 4 before any change, a clear error naming the host and
 * step, or a finished apply, never exit 70, and no secret shows; once the fault is cleared, the next
 * apply converges (every node Ready through real kubectl, then nothing to do). A fault mid-step is
 * made once the apply's JSON events say the step is at work on the host, never after a sleep; each
 * such apply changes the servers' config.yaml (a new {@code kube-apiserver-arg}), so step 2
 * restarts every server, one at a time. The two refusals before any change (tests 1 and 2) are
 * refused the same pending change, and one apply after both converges: a roll of the servers
 * fewer. Last, the load balancer's host stopped after the install (row 5).
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsOnLabIT {
    private static final String TOKEN = "lab-faults-token-secret";
    private static final String DB_PASSWORD = "lab-faults-db-secret";
    private static final String WRONG_SUDO_PASSWORD = "not-the-sudo-password-4711";
    private static final Map<String, String> SECRETS = Map.of("K3S_TOKEN", TOKEN, "K3S_DB_PASSWORD", DB_PASSWORD);
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");
    /** Short enough for a host stopped or cut off to fail its step within a minute, long enough for a server's restart. */
    private static final String READY_TIMEOUT = "--ready-timeout=60";

    @TempDir
    static Path temp;

    private static Path inventory;
    private static Path kubeconfig;
    /** Bumped by each apply that must change the servers: their kube-apiserver-arg {@code v=<revision>}. */
    private static int revision;
    /** A revision is in the inventory that no apply has made yet (the refusals share one, see {@link #aChangePending}). */
    private static boolean pending;

    @BeforeAll
    static void install(Lab lab) throws IOException {
        lab.publish(LabCluster.RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
        LabPostgres postgres = LabPostgres.plain(lab, "db1");
        postgres.psql("postgres", "ALTER ROLE " + LabPostgres.USER + " PASSWORD '" + DB_PASSWORD + "'").orThrow("set k3s' password");
        postgres.psql("postgres", "CREATE DATABASE k3s OWNER " + LabPostgres.USER).orThrow("create the k3s database");
        kubeconfig = temp.resolve("faults.kubeconfig");
        inventory = writeInventory(lab, "root", "");
        CliRun run = apply();
        assertThat(run.exitCode()).as(run.all()).isZero();
    }

    /** The inventory, as {@code user} with {@code sshExtra} (", sudoPassword: ...") in spec.ssh, at the current revision. */
    private static Path writeInventory(Lab lab, String user, String sshExtra) throws IOException {
        Path file = temp.resolve(user + "-inventory.yaml");
        Files.writeString(file, """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: faults}
                spec:
                  ssh: {user: %s, keyPath: "%s", knownHosts: "%s"%s}
                  k3s:
                    version: %s
                    mirror: "%s"
                    token: "${env:K3S_TOKEN}"
                    serverConfig: {kube-apiserver-arg: ["v=%d"]}
                  datastore:
                    type: postgres
                    endpoint: "postgres://%s:${env:K3S_DB_PASSWORD}@%s:5432/k3s"
                  servers:
                    hosts: [%s]
                """.formatted(user, lab.operatorKey(), lab.knownHosts(), sshExtra, LabCluster.K3S_VERSION, Lab.MIRROR_URL, revision,
                LabPostgres.USER, lab.host("db1").address(), LabInventory.hostList(lab, "server"))
                + LabInventory.haproxyAndWorkers(lab));
        return file;
    }

    /** The next revision of the inventory: every server's config.yaml to rewrite, every server to restart. */
    private static void changeTheServers(Lab lab) throws IOException {
        revision++;
        pending = true;
        writeInventory(lab, "root", "");
    }

    /**
     * A change for every server pending, so that "no host was changed" says something: the one a
     * refused apply before left, or a new one. The refusals share it, and one converging apply after
     * them makes it (a roll of the servers each, otherwise).
     */
    private static void aChangePending(Lab lab) throws IOException {
        if (!pending) {
            changeTheServers(lab);
        }
    }

    private static CliRun apply(String... more) {
        return apply(SECRETS, more);
    }

    private static CliRun apply(Map<String, String> variables, String... more) {
        String[] args = new String[more.length + 1];
        args[0] = "--kubeconfig=" + kubeconfig;
        System.arraycopy(more, 0, args, 1, more.length);
        return CliRun.onInventory(variables, "apply", inventory, temp, args);
    }

    private static ApplyProcess applyInTheBackground(String log) throws IOException {
        return ApplyProcess.start(inventory, temp, kubeconfig, SECRETS, log, READY_TIMEOUT);
    }

    /** The first event of step 2 at work on {@code server}: an action started there. */
    private static String serversStepAt(Lab lab, ApplyProcess apply, String server) throws InterruptedException {
        String address = lab.host(server).address();
        return apply.awaitLine(line -> line.contains("\"event\":\"action\",\"step\":\"servers\",\"host\":\"" + address + "\"")
                && line.contains("\"status\":\"started\""), "action of step 2 on " + server);
    }

    /**
     * What a fault mid-step may end in: a finished apply, or exit 1 with the failed host's event naming
     * {@code host} (when given) in step 2; never a bug (70).
     */
    private static void finishedOrFailedClearly(Lab lab, int exitCode, String output, String host) {
        assertThat(exitCode).as(output).isIn(ExitCode.OK.code(), ExitCode.APPLY_FAILED.code());
        assertThat(output).doesNotContain("internal error");
        if (exitCode == ExitCode.APPLY_FAILED.code()) {
            assertThat(output.lines().filter(line -> line.contains("\"event\":\"host\"") && line.contains("\"status\":\"failed\"")))
                    .as(output).isNotEmpty().allSatisfy(line -> assertThat(line).contains("\"step\":\"servers\"")
                            .contains(host == null ? "\"host\":\"" : "\"host\":\"" + lab.host(host).address() + "\""));
            assertThat(output).contains("to resume, fix the cause and run 'k3j-install apply");
        }
        assertNoSecretIn(output);
    }

    /** No secret of the run in {@code text}, as it is or URL-encoded (as in a datastore endpoint). */
    private static void assertNoSecretIn(String text) {
        for (String secret : List.of(TOKEN, DB_PASSWORD, WRONG_SUDO_PASSWORD)) {
            assertThat(text).doesNotContain(secret, URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
    }

    private static void assertNoSecretInTheRunLog(String log) throws IOException {
        assertNoSecretIn(Files.readString(temp.resolve(log)));
    }

    /** The next apply converges: exit 0, every node Ready through real kubectl, and a plan then sees nothing to do. */
    private static CliRun nextApplyConverges(Lab lab) {
        CliRun run = apply();
        assertThat(run.exitCode()).as(run.all()).isZero();
        pending = false;
        assertNoSecretIn(run.all());
        LabCluster.assertReadyNodes(LabCluster.kubectlFromThisMachine(lab, kubeconfig, "get", "nodes"), SERVERS, WORKERS);
        CliRun plan = CliRun.onInventory(SECRETS, "plan", inventory, temp, "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        return run;
    }

    private static String invocations(Lab lab) {
        return LabCluster.invocations(lab, SERVERS, WORKERS);
    }

    @Test
    @Order(1)
    void theDatastoreStoppedBeforeApplyEndsItInStep1WithExit4NamingTheDatastoreAndNoHostChanged(Lab lab) throws IOException {
        aChangePending(lab);
        String before = invocations(lab);
        String config = lab.exec("server1", "cat", "/etc/rancher/k3s/config.yaml").stdout();
        lab.exec("db1", "systemctl", "stop", "postgresql").orThrow("stop postgresql on db1");
        try {
            CliRun run = apply();

            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
            assertThat(run.err()).contains("step 1. Datastore").contains(lab.host("server1").address())
                    .contains(lab.host("db1").address() + ":5432").contains("no host was changed");
            assertNoSecretIn(run.all());
            assertNoSecretInTheRunLog("run.log");
            assertThat(lab.exec("server1", "cat", "/etc/rancher/k3s/config.yaml").stdout()).isEqualTo(config);
            assertThat(invocations(lab)).isEqualTo(before);
        } finally {
            lab.exec("db1", "systemctl", "start", "postgresql").orThrow("start postgresql on db1");
        }
        // The next apply, with the datastore running again, converges: the one after the next refusal, on the same change.
    }

    @Test
    @Order(2)
    void aWrongSudoPasswordStopsApplyBeforeAnyChangeNamingEachHostAndNeverShowsThePassword(Lab lab) throws IOException {
        aChangePending(lab);
        String before = invocations(lab);
        Path asRoot = inventory;
        inventory = writeInventory(lab, "opsp", ", sudoPassword: \"${env:K3J_SUDO_PASSWORD}\"");
        try {
            Map<String, String> variables = new HashMap<>(SECRETS);
            variables.put("K3J_SUDO_PASSWORD", WRONG_SUDO_PASSWORD);
            CliRun run = apply(variables);

            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
            for (String host : List.of("lb1", "server1", "server2", "server3", "worker1", "worker2")) {
                assertThat(run.err()).as(host).contains(lab.host(host).address());
            }
            assertThat(run.err()).contains("sudo").contains("no host was changed");
            assertNoSecretIn(run.all());
            assertNoSecretInTheRunLog("run.log");
            assertThat(invocations(lab)).isEqualTo(before);
        } finally {
            inventory = asRoot;
        }
        // The next apply of both refusals' change, with the datastore running and as root.
        nextApplyConverges(lab);
    }

    @Test
    @Order(3)
    void theDatastoreRestartedWhileTheServersRestartEndsInAFinishedApplyOrAStepErrorAndTheNextApplyConverges(Lab lab)
            throws IOException, InterruptedException {
        changeTheServers(lab);
        ApplyProcess apply = applyInTheBackground("datastore-restarted.log");

        serversStepAt(lab, apply, "server1");
        lab.exec("db1", "systemctl", "restart", "postgresql").orThrow("restart postgresql on db1");

        finishedOrFailedClearly(lab, apply.exitCode(), apply.out(), null);
        assertNoSecretInTheRunLog("datastore-restarted.log");
        nextApplyConverges(lab);
    }

    @Test
    @Order(4)
    void aServerStoppedWhileStep2IsAtWorkThereFailsNamingItAndOnceStartedTheNextApplyConverges(Lab lab)
            throws IOException, InterruptedException {
        faultWhileStep2IsAt(lab, "server2", "server-stopped.log", lab::stop, lab::start);
    }

    @Test
    @Order(5)
    void aServerCutOffWhileStep2IsAtWorkThereFailsNamingItAndOnceRestoredTheNextApplyConverges(Lab lab)
            throws IOException, InterruptedException {
        // The cut run's SSH sessions may outlive it: while cut, sshd hears nothing of the client's end (no ClientAlive by
        // default), so the shell holding its apply lock stays, unless the client's FIN, sent again, gets through once the
        // host is back. Either way the next apply converges: a lock still held by that run, gone from this machine, is
        // taken over, and said naming the host.
        CliRun next = faultWhileStep2IsAt(lab, "server3", "server-cut.log", lab::cut, lab::restore);
        if (next.all().contains("taken over")) {
            assertThat(next.all()).contains(lab.host("server3").address() + ": the apply lock is held by")
                    .contains("a run of this machine that is gone").contains("taken over: killed pid");
        }
    }

    /** Sets $sessions to the pids of the host's SSH sessions: the children of sshd's listener. */
    private static final String SSH_SESSIONS = """
            main=$(systemctl show -p MainPID --value ssh)
            sessions=$(for stat in /proc/[0-9]*/stat; do set -- $(cat "$stat" 2>/dev/null); [ "$4" = "$main" ] && echo "$1"; done)
            """;

    /** {@code fault} on {@code server} once step 2 is at work there; {@code cleared} once the apply ended; then the next apply. */
    private static CliRun faultWhileStep2IsAt(Lab lab, String server, String log, Consumer<String> fault, Consumer<String> cleared)
            throws IOException, InterruptedException {
        changeTheServers(lab);
        ApplyProcess apply = applyInTheBackground(log);

        serversStepAt(lab, apply, server);
        fault.accept(server);
        try {
            finishedOrFailedClearly(lab, apply.exitCode(), apply.out(), server);
            assertNoSecretInTheRunLog(log);
        } finally {
            cleared.accept(server);
        }
        return nextApplyConverges(lab);
    }

    @Test
    @Order(6)
    void aHostKeyChangedMidRunIsRefusedNamingTheHostAndOnceTheKeyIsBackTheNextApplyConverges(Lab lab)
            throws IOException, InterruptedException {
        lab.exec("server3", "sh", "-c", "mkdir -p /root/k3j-fault-keys && cp -p /etc/ssh/ssh_host_* /root/k3j-fault-keys/")
                .orThrow("keep server3's host keys");
        changeTheServers(lab);
        ApplyProcess apply = applyInTheBackground("host-key-changed.log");

        serversStepAt(lab, apply, "server3");
        // New host keys, then the apply's own connections to server3 ended (the listener's children, by pid): it must reconnect.
        lab.exec("server3", "sh", "-c", SSH_SESSIONS
                + "rm -f /etc/ssh/ssh_host_* && ssh-keygen -A >/dev/null && systemctl restart ssh && kill $sessions")
                .orThrow("change server3's host key and end its SSH sessions");
        try {
            int exitCode = apply.exitCode();
            assertThat(exitCode).as(apply.out()).isEqualTo(ExitCode.APPLY_FAILED.code());
            finishedOrFailedClearly(lab, exitCode, apply.out(), "server3");
            assertThat(apply.out()).containsAnyOf("the host key CHANGED", "the connection dropped while running a command");
            assertNoSecretInTheRunLog("host-key-changed.log");
        } finally {
            lab.exec("server3", "sh", "-c", "cp -p /root/k3j-fault-keys/* /etc/ssh/ && systemctl restart ssh")
                    .orThrow("give server3 its host keys back");
        }
        nextApplyConverges(lab);
    }

    /**
     * Row 5: the load balancer's host stopped after the install. The agents keep heartbeating, as
     * their client-side load balancer reaches the servers themselves; one restarted meanwhile comes
     * back from the servers it saved; apply stops before any change naming the registration address
     * down. Once lb1 is back, kubectl through the address works and the next apply converges.
     */
    @Test
    @Order(7)
    void theLoadBalancerStoppedLeavesTheAgentsReadyAndApplyNamesTheRegistrationAddressDownThenConverges(Lab lab)
            throws InterruptedException {
        String lb = lab.host("lb1").address();
        lab.stop("lb1");
        try {
            heartbeatsAfter(lab, WORKERS, Instant.now());
            lab.exec("worker1", "timeout", "120", "systemctl", "restart", "k3s-agent").orThrow("restart worker1's agent");
            heartbeatsAfter(lab, List.of("worker1"), Instant.now());
            assertThat(LabCluster.nodes(lab, "server1")).as("every node with lb1 down").allMatch(Node::ready);

            CliRun refused = apply();

            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
            assertThat(refused.err()).contains(lb + " (" + lb + ":22): cannot connect", "no host was changed", "HAProxy on " + lb
                    + " cannot be reached: nothing serves the registration address https://" + lb + ":6443",
                    "agents that ran keep reaching them through their client-side load balancer");
            assertNoSecretIn(refused.all());
        } finally {
            lab.start("lb1");
        }
        nextApplyConverges(lab);
    }

    /** Each of {@code workers} heartbeated after {@code after} (its node's Ready condition, read on server1), within 90 s. */
    private static void heartbeatsAfter(Lab lab, List<String> workers, Instant after) throws InterruptedException {
        // The heartbeat has whole seconds: one in the next second or later came after.
        Instant since = after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant deadline = Instant.now().plusSeconds(90);
        for (String worker : workers) {
            while (true) {
                String beat = lab.exec("server1", "k3s", "kubectl", "get", "node", worker, "-o",
                        "jsonpath={.status.conditions[?(@.type==\"Ready\")].lastHeartbeatTime}").stdout().strip();
                if (!beat.isEmpty() && !Instant.parse(beat).isBefore(since)) {
                    break;
                }
                assertThat(Instant.now()).as(worker + "'s last heartbeat " + beat + ", waited for one after " + since).isBefore(deadline);
                Thread.sleep(1000);
            }
        }
    }
}
