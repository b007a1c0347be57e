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
import io.k3j.testing.FakeHaproxy;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.FakeSystemd;
import io.k3j.testing.ManualClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running K3s server restarts out of the HAProxy k3j-install runs: drained on every registration
 * host first, restarted once no session is left there (or the limit passed), set ready once it
 * serves, and set ready even when it does not; the registration step puts back what a run cut short
 * left drained.
 */
class HaproxyDrainTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String S2 = "198.51.100.12";
    private static final String L1 = "198.51.100.21";
    private static final String L2 = "198.51.100.22";
    private static final String NAME = "198-51-100-12";
    private static final List<String> SERVERS = List.of("198-51-100-11", NAME);
    private static final String NODE = """
            {"kind": "Node", "metadata": {"name": "server-2"}, "status": {"conditions": [{"type": "Ready", "status": "%s"}],
             "nodeInfo": {"kubeletVersion": "v1.31.4+k3s1"}}}""";
    private static final Operation.Services SERVING = new Operation.Services(List.of("k3s"), new Operation.ServerServing("v1.31.4+k3s1",
            "https://198.51.100.20:6443", java.util.Optional.of(new Operation.InHaproxy("k3s-servers", NAME, List.of(L1, L2)))), true);

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final ManualClock clock = new ManualClock();
    private final AtomicBoolean nodeReady = new AtomicBoolean(true);
    private Inventory inventory;
    private FakeHaproxy first;
    private FakeHaproxy second;

    @BeforeEach
    void cluster() {
        inventory = ExampleInventories.load("mysql-haproxy.yaml");
        first = FakeHaproxy.teach(fakes.host(L1), SERVERS, () -> true);
        second = FakeHaproxy.teach(fakes.host(L2), SERVERS, () -> true);
        fakes.host(S2).on("get node", FakeHost.command("\\Ak3s kubectl get node 'server-2' --ignore-not-found -o json\\z"), sent -> {
            if (!nodeReady.get()) {
                clock.advance(LIMIT.plusSeconds(1));
            }
            return FakeHost.ok(NODE.formatted(nodeReady.get() ? "True" : "False"));
        }).on("readyz", FakeHost.script("get --raw /readyz"), FakeHost.ok());
    }

    @Test
    void aRunningServerIsDrainedEverywhereBeforeItsRestartAndSetReadyOnceItServesBeforeItsStamp() {
        HostApplier.Result result = restart(true);

        assertThat(fakes.journal()).filteredOn(line -> !line.contains("readyz") && !line.contains(" active")).containsExactly(
                L1 + ": drain " + NAME, L2 + ": drain " + NAME, L1 + ": show stat", L2 + ": show stat",
                S2 + ": restart k3s", S2 + ": wait for k3s", S2 + ": get node",
                L1 + ": ready " + NAME, L2 + ": ready " + NAME, S2 + ": write " + Paths.STAMPS + "/services-k3s");
        assertThat(result.detail()).isEqualTo("restarted k3s; node server-2 Ready at v1.31.4+k3s1; https://198.51.100.20:6443/readyz ok; "
                + "out of HAProxy on " + L1 + ", " + L2 + " while it restarted (no sessions left), back once it served");
        assertThat(first.drained()).isEmpty();
        assertThat(second.drained()).isEmpty();
    }

    @Test
    void theRestartWaitsUntilTheServersSessionsThroughHaproxyEnded() {
        AtomicInteger asked = new AtomicInteger();
        second.sessions(NAME, () -> asked.incrementAndGet() == 1 ? 2 : 0);

        HostApplier.Result result = restart(true);

        assertThat(asked).hasValue(2);
        assertThat(fakes.journal()).filteredOn(line -> line.contains("show stat") || line.contains("restart k3s")).containsExactly(
                L1 + ": show stat", L2 + ": show stat", L1 + ": show stat", L2 + ": show stat", S2 + ": restart k3s");
        assertThat(result.detail()).contains("(no sessions left)");
    }

    @Test
    void sessionsStillOpenAtTheLimitAreNamedAndTheRestartGoesOn() {
        second.sessions(NAME, () -> {
            clock.advance(Operation.InHaproxy.SESSIONS_LIMIT.plusSeconds(1));
            return 3;
        });

        HostApplier.Result result = restart(true);

        assertThat(fakes.journal()).contains(S2 + ": restart k3s", L2 + ": ready " + NAME);
        assertThat(result.detail()).endsWith("out of HAProxy on " + L1 + ", " + L2 + " while it restarted (sessions still open after 5 s "
                + "(3 on " + L2 + "), cut as k3s stopped), back once it served");
    }

    @Test
    void aHostWithoutTheRuntimeSocketIsNamedAndPassed() {
        fakes.host(L2).on("no socket", FakeHost.script("k3j-admin.sock"), FakeHost.exit(3, ""));

        HostApplier.Result result = restart(true);

        assertThat(fakes.journal()).contains(L1 + ": drain " + NAME, S2 + ": restart k3s", L1 + ": ready " + NAME)
                .filteredOn(line -> line.startsWith(L2)).containsOnly(L2 + ": no socket");
        assertThat(result.detail()).endsWith("out of HAProxy on " + L1 + " while it restarted (no sessions left), back once it served; "
                + "not taken out of HAProxy on " + L2 + " (no runtime socket /run/haproxy/k3j-admin.sock yet: its haproxy.cfg is written "
                + "anew in the registration step)");
    }

    @Test
    void aServerHaproxyDoesNotKnowIsNamedAndPassed() {
        fakes.host(L2).on("no such server", FakeHost.script("set server"), FakeHost.ok("No such server.\n\n"));

        HostApplier.Result result = restart(true);

        assertThat(result.detail()).endsWith("; not taken out of HAProxy on " + L2 + " (HAProxy answered 'No such server.')");
    }

    @Test
    void aServerThatDoesNotServeAfterItsRestartIsStillSetReadyAndTheFailureStands() {
        nodeReady.set(false);

        assertThatThrownBy(() -> restart(true)).isInstanceOf(ClusterChecks.CheckFailed.class).hasMessageStartingWith("node server-2 is");

        assertThat(fakes.journal()).contains(L1 + ": ready " + NAME, L2 + ": ready " + NAME)
                .doesNotContain(S2 + ": write " + Paths.STAMPS + "/services-k3s");
        assertThat(first.drained()).isEmpty();
        assertThat(second.drained()).isEmpty();
    }

    @Test
    void aServerThatCouldNotBeSetReadyFailsNamingTheHostAndTheWayBack() {
        fakes.host(L2).on("refuse ready", FakeHost.script("state ready"), FakeHost.exit(1, "nc: unix connect failed: Connection refused"));

        assertThatThrownBy(() -> restart(true)).isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage(NAME + " could not be put back in rotation (set ready) in HAProxy on " + L2 + " (its runtime API did not "
                        + "answer: nc: unix connect failed: Connection refused): it is still drained there")
                .satisfies(failed -> assertThat(((ClusterChecks.CheckFailed) failed).fix()).startsWith("apply again (its registration "
                        + "step puts drained servers back), or on that host: printf 'set server k3s-servers/" + NAME + " state ready\\n' | "));
    }

    @Test
    void aDrainCutShortOnTheSecondHostPutsTheFirstBackAndRestartsNothing() {
        fakes.host(L2).on("drain, connection lost", FakeHost.script("state drain"), sent -> {
            throw new IllegalStateException("the connection to " + L2 + " dropped");
        });

        assertThatThrownBy(() -> restart(true)).hasMessage("the connection to " + L2 + " dropped");

        assertThat(fakes.journal()).contains(L1 + ": drain " + NAME, L1 + ": ready " + NAME).doesNotContain(S2 + ": restart k3s");
        assertThat(first.drained()).isEmpty();
    }

    @Test
    void aServerThatWasNotRunningStartsWithoutADrain() {
        restart(false);

        assertThat(fakes.journal()).noneMatch(line -> line.startsWith(L1) || line.startsWith(L2));
    }

    @Test
    void theRegistrationStepPutsBackAServerACutRunLeftDrained() {
        first.drain(NAME);
        Operation.ServersInRotation rotation = new Operation.ServersInRotation("k3s-servers", SERVERS);

        HostApplier.Result planned = drain(Wet.DRY_RUN).backInRotation(fakes.host(L1), rotation);
        assertThat(planned).isEqualTo(new HostApplier.Result(Change.CHANGED, "put back in rotation (drained): " + NAME));
        assertThat(first.drained()).containsExactly(NAME);

        HostApplier.Result applied = drain(Wet.APPLY).backInRotation(fakes.host(L1), rotation);
        assertThat(applied).isEqualTo(new HostApplier.Result(Change.CHANGED, "put back in rotation (set ready): " + NAME));
        assertThat(first.drained()).isEmpty();
        assertThat(fakes.journal()).containsExactly(L1 + ": show servers state", L1 + ": show servers state", L1 + ": ready " + NAME);

        assertThat(drain(Wet.APPLY).backInRotation(fakes.host(L1), rotation))
                .isEqualTo(new HostApplier.Result(Change.UNCHANGED, "no server drained"));
    }

    @Test
    void aHaproxyWithoutTheSocketYetHasNoServerToPutBack() {
        fakes.host(L1).on("no socket", FakeHost.script("k3j-admin.sock"), FakeHost.exit(3, ""));

        assertThat(drain(Wet.APPLY).backInRotation(fakes.host(L1), new Operation.ServersInRotation("k3s-servers", SERVERS)).change())
                .isEqualTo(Change.UNCHANGED);
    }

    private HostApplier.Result restart(boolean running) {
        FakeSystemd.teach(fakes.host(S2), "k3s", running);
        fakes.host(S2).put(Paths.STAMPS + "/services-k3s", "an older stamp\n");
        return new ServiceStarter(context(Wet.APPLY), SilentListener.INSTANCE).start(fakes.host(S2), server(), SERVING,
                List.of("config"), List.of(Paths.K3S_CONFIG));
    }

    private HaproxyDrain drain(Wet wet) {
        return new HaproxyDrain(context(wet), SilentListener.INSTANCE);
    }

    private ApplyContext context(Wet wet) {
        ConnectedHosts hosts = new ConnectedHosts(Map.of(S2, fakes.host(S2), L1, fakes.host(L1), L2, fakes.host(L2)),
                Map.of(S2, FactsParser.parse("hostname=Server-2\n")), RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        return new ApplyContext(inventory, hosts, LIMIT, clock, DatastoreProbe.OVER_THE_NETWORK, wet);
    }

    private Host server() {
        return inventory.servers().hosts().stream().filter(server -> server.address().equals(S2)).findFirst().orElseThrow();
    }
}
