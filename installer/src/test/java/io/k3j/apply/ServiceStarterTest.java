package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.facts.FactsParser;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeSystemd;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.ManualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit restarts only when what it runs with changed (its stamp) or it is not running; running
 * K3s servers restart one at a time: a second server's restart waits until the first is ready
 * again; units that may restart together (agents) do not wait.
 */
class ServiceStarterTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String S1 = "198.51.100.11";
    private static final String S2 = "198.51.100.12";
    private static final Operation.Services K3S = new Operation.Services(List.of("k3s"), new Operation.Active(), true);
    private static final Operation.Services AGENT = new Operation.Services(List.of("k3s-agent"), new Operation.Active());
    private static final Operation.Services ETCD_MEMBER = new Operation.Services(List.of("k3j-etcd"),
            new Operation.EtcdMemberServing(2380), true);
    private static final List<String> INPUTS = List.of("config");
    private static final String STAMP = Paths.STAMPS + "/services-k3s";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final CountDownLatch firstRestarting = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private Inventory inventory;
    private ConnectedHosts hosts;
    private ApplyContext context;
    private ServiceStarter starter;

    @BeforeEach
    void connect() {
        inventory = ExampleInventories.load("airgap.yaml");
        hosts = new ConnectedHosts(Map.of(S1, fakes.host(S1), S2, fakes.host(S2)), Map.of(),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        context = new ApplyContext(inventory, hosts, LIMIT, Clock.systemUTC(), DatastoreProbe.OVER_THE_NETWORK, Wet.APPLY);
        starter = new ServiceStarter(context, SilentListener.INSTANCE);
    }

    @Test
    void aRunningUnitWhoseStampMatchesIsLeftAlone() {
        HostApplier.Result result = startK3s(true, "config");

        assertThat(result.change()).isEqualTo(Change.UNCHANGED);
        assertThat(fakes.journal()).containsExactly(S1 + ": is k3s active");
    }

    @Test
    void aRunningUnitWhoseInputsChangedRestartsAndIsStampedOnceReady() {
        HostApplier.Result result = startK3s(true, "an older config");

        assertThat(result).isEqualTo(new HostApplier.Result(Change.CHANGED, "restarted k3s; active (ready)"));
        assertThat(fakes.journal()).containsExactly(S1 + ": is k3s active", S1 + ": restart k3s", S1 + ": wait for k3s",
                S1 + ": write " + STAMP);
        assertThat(fakes.host(S1).file(STAMP)).map(FakeHost.File::text).hasValue(Stamps.hash(List.of("config", "k3s")) + "\n");
    }

    @Test
    void aRestartReloadsSystemdOnceAndEnablesTheUnitWithoutASecondReload() {
        startK3s(true, "an older config");

        assertThat(fakes.host(S1).sent()).filteredOn(sent -> sent.stdin().contains("systemctl restart")).singleElement()
                .satisfies(sent -> assertThat(sent.stdin().strip())
                        .isEqualTo("systemctl daemon-reload && systemctl enable --no-reload -q k3s && systemctl restart --no-block k3s"));
    }

    @Test
    void aRestartIsSentAsACommandNotToRunAgainOnADroppedConnectionWhileTheChecksMayBe() {
        startK3s(true, "an older config");

        assertThat(fakes.host(S1).sent()).filteredOn(sent -> sent.stdin().contains("systemctl restart"))
                .singleElement().satisfies(sent -> assertThat(sent.idempotent()).isFalse());
        assertThat(fakes.host(S1).sent()).filteredOn(sent -> !sent.stdin().contains("systemctl restart"))
                .isNotEmpty().allSatisfy(sent -> assertThat(sent.idempotent()).isTrue());
    }

    @Test
    void aRestartedPostgresqlIsReadyOnlyOnceItAcceptsConnectionsNotWhenItListens() {
        FakeSystemd.teach(fakes.host(S1), "postgresql", true);
        fakes.host(S1).put(Paths.STAMPS + "/services-postgresql", Stamps.hash(List.of("an older config", "postgresql")) + "\n");

        HostApplier.Result result = starter.start(fakes.host(S1), host(S1),
                new Operation.Services(List.of("postgresql"), new Operation.PostgresAccepting(5432)), INPUTS, List.of());

        assertThat(result).isEqualTo(new HostApplier.Result(Change.CHANGED, "restarted postgresql; accepting connections on port 5432"));
        assertThat(fakes.host(S1).sent()).filteredOn(sent -> sent.stdin().contains("until "))
                .singleElement().satisfies(sent -> assertThat(sent.stdin()).contains("until pg_isready -q -p 5432;"));
    }

    @Test
    void aRestartIsWaitedOnOnlyOnceSystemdRanItsQueuedJobForTheUnitAndItsInstances() {
        FakeSystemd.teach(fakes.host(S1), "postgresql", true);
        fakes.host(S1).put(Paths.STAMPS + "/services-postgresql", Stamps.hash(List.of("an older config", "postgresql")) + "\n");

        starter.start(fakes.host(S1), host(S1), new Operation.Services(List.of("postgresql"), new Operation.PostgresAccepting(5432)),
                INPUTS, List.of());

        assertThat(fakes.host(S1).sent()).filteredOn(sent -> sent.stdin().contains("until ")).singleElement()
                .satisfies(sent -> assertThat(sent.stdin()).containsSubsequence(
                        "until ! systemctl list-jobs --no-legend 'postgresql.service' 'postgresql@*' | grep -q .; do",
                        "until pg_isready -q -p 5432; do"));
    }

    @Test
    void aNewEtcdMemberIsWaitedOnUntilItListensOnItsPeerPortNotOnItsStartJobWhichLastsUntilAMajorityRuns() {
        FakeSystemd.teach(fakes.host(S1), "k3j-etcd", false);
        fakes.host(S1).on("wait for the peer port", FakeHost.script("until ss -Htln 'sport = :2380'"), FakeHost.ok());

        HostApplier.Result result = start(S1, ETCD_MEMBER);

        assertThat(result).isEqualTo(new HostApplier.Result(Change.ADDED, "started k3j-etcd; listening on its peer port 2380"));
        assertThat(fakes.host(S1).sent()).filteredOn(sent -> sent.stdin().contains("until ")).singleElement()
                .satisfies(sent -> assertThat(sent.stdin()).contains("until ss -Htln 'sport = :2380' | grep -q .;")
                        .doesNotContain("list-jobs", "/health"));
    }

    @Test
    void aRunningEtcdMemberRestartsInTheOneTurnAndIsWaitedOnUntilItsJobRanAndItIsHealthyAgain() {
        FakeSystemd.teach(fakes.host(S1), "k3j-etcd", true);
        fakes.host(S1).put(Paths.STAMPS + "/services-k3j-etcd", Stamps.hash(List.of("an older config", "k3j-etcd")) + "\n");
        fakes.host(S1).on("wait until healthy", FakeHost.script("until curl -fsS --max-time 3 http://127.0.0.1:2379/health"), FakeHost.ok());

        HostApplier.Result result = start(S1, ETCD_MEMBER);

        assertThat(result).isEqualTo(new HostApplier.Result(Change.CHANGED, "restarted k3j-etcd; a healthy member again"));
        assertThat(fakes.host(S1).sent()).filteredOn(sent -> sent.stdin().contains("until ")).singleElement()
                .satisfies(sent -> assertThat(sent.stdin()).containsSubsequence("until ! systemctl list-jobs --no-legend 'k3j-etcd.service'",
                        "until curl -fsS --max-time 3 http://127.0.0.1:2379/health | grep -q '\"health\":\"true\"';"));
    }

    @Test
    void aUnitThatIsNotRunningStartsThoughItsStampMatches() {
        HostApplier.Result result = startK3s(false, "config");

        assertThat(result).isEqualTo(new HostApplier.Result(Change.ADDED, "started k3s; active (ready)"));
        assertThat(fakes.journal()).containsExactly(S1 + ": is k3s active", S1 + ": restart k3s", S1 + ": wait for k3s");
    }

    @Test
    void aDryRunSaysWhetherAndWhyTheUnitWouldRestartAndOnlyAsksWhetherItRuns() {
        ServiceStarter dry = new ServiceStarter(new ApplyContext(inventory, hosts, LIMIT, Clock.systemUTC(),
                DatastoreProbe.OVER_THE_NETWORK, Wet.DRY_RUN), SilentListener.INSTANCE);
        FakeSystemd.teach(fakes.host(S1), "k3s", true);
        fakes.host(S1).put(STAMP, Stamps.hash(List.of("an older config", "k3s")) + "\n");

        assertThat(dry.start(fakes.host(S1), host(S1), K3S, INPUTS, List.of(Paths.K3S_CONFIG)))
                .isEqualTo(new HostApplier.Result(Change.CHANGED, "restart k3s: " + Paths.K3S_CONFIG + " changed"));
        FakeSystemd.teach(fakes.host(S1), "k3s", false);
        assertThat(dry.start(fakes.host(S1), host(S1), K3S, INPUTS, List.of()))
                .isEqualTo(new HostApplier.Result(Change.ADDED, "start k3s: not running"));
        assertThat(fakes.journal()).containsExactly(S1 + ": is k3s active", S1 + ": is k3s active");
    }

    @Test
    void aRunningServerRestartsOnlyOnceTheOneBeforeItIsReady() throws Exception {
        FakeSystemd.teach(fakes.host(S1), "k3s", true);
        FakeSystemd.teach(fakes.host(S2), "k3s", true);
        holdRestart(S1, "k3s");

        Thread first = startInThread(S1, K3S);
        assertThat(firstRestarting.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("s1 restarting").isTrue();
        Thread second = startInThread(S2, K3S);
        awaitQueued((ReentrantLock) context.oneRestartAtATime(), second);

        assertThat(restartsAndWaits()).containsExactly(S1 + ": restart k3s");
        releaseFirst.countDown();
        join(first, second);
        assertThat(restartsAndWaits()).containsExactly(S1 + ": restart k3s", S1 + ": wait for k3s", S2 + ": restart k3s",
                S2 + ": wait for k3s");
    }

    @Test
    void unitsThatMayRestartTogetherDoNotWaitForEachOther() throws Exception {
        FakeSystemd.teach(fakes.host(S1), "k3s-agent", true);
        FakeSystemd.teach(fakes.host(S2), "k3s-agent", true);
        holdRestart(S1, "k3s-agent");

        Thread first = startInThread(S1, AGENT);
        assertThat(firstRestarting.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("s1 restarting").isTrue();
        Thread second = startInThread(S2, AGENT);
        join(second);

        assertThat(restartsAndWaits()).containsExactly(S1 + ": restart k3s-agent", S2 + ": restart k3s-agent",
                S2 + ": wait for k3s-agent");
        releaseFirst.countDown();
        join(first);
    }

    @Test
    void aServerWhoseApiIsNotReadyYetIsAskedAgainUntilTheNodeIsReady() {
        String[] answers = {"starting", "running"};
        ApplyContext waiting = contextAt(new ManualClock(), S2, sent -> {
            boolean starting = answers[0].equals("starting");
            answers[0] = "running";
            return starting ? FakeHost.exit(1, "Error from server (ServiceUnavailable): apiserver not ready\n")
                    : FakeHost.ok(NODE.formatted("True"));
        });

        HostApplier.Result result = new ServiceStarter(waiting, SilentListener.INSTANCE).start(fakes.host(S2), host(S2), NODE_READY, INPUTS, List.of());

        assertThat(result).isEqualTo(new HostApplier.Result(Change.ADDED, "started k3s; node server-2 Ready"));
        assertThat(fakes.journal()).filteredOn(line -> line.endsWith("get node")).hasSize(2);
    }

    @Test
    void anApiThatNeverAnswersEndsTheWaitWithKubectlsError() {
        ManualClock clock = new ManualClock();
        ApplyContext waiting = contextAt(clock, S2, sent -> {
            clock.advance(LIMIT.plusSeconds(1));
            return FakeHost.exit(1, "Error from server (ServiceUnavailable): apiserver not ready\n");
        });

        assertThatThrownBy(() -> new ServiceStarter(waiting, SilentListener.INSTANCE).start(fakes.host(S2), host(S2), NODE_READY, INPUTS, List.of()))
                .isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("node server-2 could not be read after 30 s: k3s kubectl get node server-2 failed on " + S1
                        + " (exit 1): Error from server (ServiceUnavailable): apiserver not ready");
    }

    @Test
    void anUpgradedServerIsBackOnlyWhenItsOwnApiHasItsNodeReadyAtTheNewVersionAndTheRegistrationAddressAnswersReadyz() {
        String[] kubelet = {"v1.30.8+k3s1"};
        ApplyContext upgrading = serverAt(new ManualClock(), sent -> {
            String now = kubelet[0];
            kubelet[0] = "v1.31.4+k3s1";
            return FakeHost.ok(VERSIONED_NODE.formatted(now));
        });

        HostApplier.Result result = new ServiceStarter(upgrading, SilentListener.INSTANCE).start(fakes.host(S2), host(S2), SERVING, INPUTS,
                List.of("k3s v1.31.4+k3s1"));

        assertThat(result).isEqualTo(new HostApplier.Result(Change.CHANGED, "restarted k3s; node server-2 Ready at v1.31.4+k3s1; "
                + REGISTRATION + "/readyz ok"));
        assertThat(fakes.journal()).containsExactly(S2 + ": is k3s active", S2 + ": readyz", S2 + ": restart k3s", S2 + ": wait for k3s",
                S2 + ": get node", S2 + ": get node", S2 + ": readyz", S2 + ": write " + STAMP);
    }

    @Test
    void aServerWhoseNodeStaysAtTheOldVersionEndsTheWaitNamingBothVersions() {
        ManualClock clock = new ManualClock();
        ApplyContext upgrading = serverAt(clock, sent -> {
            clock.advance(LIMIT.plusSeconds(1));
            return FakeHost.ok(VERSIONED_NODE.formatted("v1.30.8+k3s1"));
        });

        assertThatThrownBy(() -> new ServiceStarter(upgrading, SilentListener.INSTANCE).start(fakes.host(S2), host(S2), SERVING, INPUTS,
                List.of("k3s v1.31.4+k3s1")))
                .isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("node server-2 is Ready with its kubelet at v1.30.8+k3s1, not v1.31.4+k3s1 after 30 s (as " + S2 + " sees it)");
    }

    @Test
    void aServerRestartedWhileTheRegistrationAddressDidNotServeYetIsNotHeldToIt() {
        ApplyContext restarting = serverAt(new ManualClock(), sent -> FakeHost.ok(VERSIONED_NODE.formatted("v1.31.4+k3s1")));
        fakes.host(S2).on("readyz", FakeHost.script("get --raw /readyz"), FakeHost.exit(1, ""));

        HostApplier.Result result = new ServiceStarter(restarting, SilentListener.INSTANCE).start(fakes.host(S2), host(S2), SERVING, INPUTS,
                List.of(Paths.K3S_CONFIG));

        assertThat(result.detail()).isEqualTo("restarted k3s; node server-2 Ready at v1.31.4+k3s1");
        assertThat(fakes.journal()).containsOnlyOnce(S2 + ": readyz");
    }

    private static final String REGISTRATION = "https://198.51.100.20:6443";
    private static final Operation.Services SERVING = new Operation.Services(List.of("k3s"),
            new Operation.ServerServing("v1.31.4+k3s1", REGISTRATION), true);
    private static final String VERSIONED_NODE = """
            {"kind": "Node", "metadata": {"name": "server-2"}, "status": {"conditions": [{"type": "Ready", "status": "True"}],
             "nodeInfo": {"kubeletVersion": "%s"}}}""";

    /** S2 (node server-2) running k3s, answering its own nodes with {@code nodes} and /readyz through the address. */
    private ApplyContext serverAt(ManualClock clock, java.util.function.Function<FakeHost.Sent, io.k3j.ssh.ExecResult> nodes) {
        FakeSystemd.teach(fakes.host(S2), "k3s", true);
        fakes.host(S2).on("get node", FakeHost.command("\\Ak3s kubectl get node 'server-2' --ignore-not-found -o json\\z"), nodes)
                .on("readyz", FakeHost.script("get --raw /readyz"), FakeHost.ok());
        ConnectedHosts hosts = new ConnectedHosts(Map.of(S1, fakes.host(S1), S2, fakes.host(S2)),
                Map.of(S2, FactsParser.parse("hostname=Server-2\n")), RunLog.create(temp.resolve("upgrading.log"), Clock.systemUTC()));
        return new ApplyContext(inventory, hosts, LIMIT, clock, DatastoreProbe.OVER_THE_NETWORK, Wet.APPLY);
    }

    /** S2 (hostname Server-2: its node is server-2) starting, S1 answering the nodes with {@code nodes}; the clock {@code clock}. */
    private ApplyContext contextAt(ManualClock clock, String starting, java.util.function.Function<FakeHost.Sent, io.k3j.ssh.ExecResult> nodes) {
        FakeSystemd.teach(fakes.host(starting), "k3s", false);
        fakes.host(S1).on("get node", FakeHost.command("\\Ak3s kubectl get node 'server-2' --ignore-not-found -o json\\z"), nodes);
        ConnectedHosts hosts = new ConnectedHosts(Map.of(S1, fakes.host(S1), S2, fakes.host(S2)),
                Map.of(S2, FactsParser.parse("hostname=Server-2\n")), RunLog.create(temp.resolve("waiting.log"), Clock.systemUTC()));
        return new ApplyContext(inventory, hosts, LIMIT, clock, DatastoreProbe.OVER_THE_NETWORK, Wet.APPLY);
    }

    private static final Operation.Services NODE_READY = new Operation.Services(List.of("k3s"), new Operation.NodeReady(), true);
    private static final String NODE = """
            {"kind": "Node", "metadata": {"name": "server-2", "labels": {"node-role.kubernetes.io/control-plane": "true"}},
             "status": {"conditions": [{"type": "Ready", "status": "%s"}]}}""";

    /** k3s on S1, running or not, last started with {@code stampedConfig}: started now with the config {@link #INPUTS}. */
    private HostApplier.Result startK3s(boolean running, String stampedConfig) {
        FakeSystemd.teach(fakes.host(S1), "k3s", running);
        fakes.host(S1).put(STAMP, Stamps.hash(List.of(stampedConfig, "k3s")) + "\n");
        return start(S1, K3S);
    }

    private HostApplier.Result start(String address, Operation.Services services) {
        return starter.start(fakes.host(address), host(address), services, INPUTS, List.of());
    }

    private Thread startInThread(String address, Operation.Services services) {
        Thread thread = new Thread(() -> start(address, services), address);
        thread.start();
        return thread;
    }

    private Host host(String address) {
        return inventory.servers().hosts().stream().filter(server -> server.address().equals(address)).findFirst().orElseThrow();
    }

    /** The host's restart of {@code units} holds until the test releases it. */
    private void holdRestart(String address, String units) {
        fakes.host(address).on("restart " + units, FakeHost.script("systemctl restart --no-block " + units + "\\z"), sent -> {
            firstRestarting.countDown();
            await(releaseFirst);
            return FakeHost.ok();
        });
    }

    private List<String> restartsAndWaits() {
        return fakes.journal().stream().filter(line -> line.contains(": restart ") || line.contains(": wait for ")).toList();
    }

    /** Until {@code thread} waits for its turn: a wait on the lock itself, not on time. */
    private static void awaitQueued(ReentrantLock turn, Thread thread) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!turn.hasQueuedThread(thread)) {
            assertThat(thread.isAlive()).as(thread.getName() + " still at work").isTrue();
            assertThat(System.nanoTime()).as(thread.getName() + " waiting for its turn").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static void join(Thread... threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(LIMIT.toMillis());
            assertThat(thread.isAlive()).as(thread.getName() + " done").isFalse();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
