package io.k3j.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.output.Json;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.ssh.ExecResult;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The apply's Lease taken, waited for, taken over, renewed and released through kubectl on a fake server with the apiserver's rules. */
class ClusterLeaseTest {
    private static final Duration LEASE = Duration.ofSeconds(120);
    private static final LockHolder BOB = new LockHolder("bob", "ci.example.com", 99, Instant.parse("2026-01-01T10:00:00Z"));
    private static final LockHolder ALICE = new LockHolder("alice", "ops.example.com", 4242, Instant.parse("2026-01-01T09:00:00Z"));

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final ManualClock clock = new ManualClock();
    private final StringWriter said = new StringWriter();
    private final Output output = new Output(new PrintWriter(said, true), new PrintWriter(said, true), false, 0, new Style(false));
    private final LeaseApi api = new LeaseApi();

    /**
     * The Lease as the apiserver keeps it, answering kubectl's get, create and replace: a create of an
     * existing one is AlreadyExists, a replace at another resourceVersion is Conflict (kubectl's words).
     */
    private static final class LeaseApi {
        private Map<String, Object> lease;
        private long revision = 40;
        private Runnable beforeNextGetAnswers = () -> { };

        ExecResult get() {
            Runnable meanwhile = beforeNextGetAnswers;
            beforeNextGetAnswers = () -> { };
            String answer = lease == null ? "" : Json.write(lease);
            meanwhile.run(); // another run acts between this read and its answer's use
            return FakeHost.ok(answer);
        }

        ExecResult create(String json) {
            if (lease != null) {
                return FakeHost.exit(1, "Error from server (AlreadyExists): error when creating \"STDIN\": leases.coordination.k8s.io "
                        + "\"k3j-apply\" already exists");
            }
            return store(json);
        }

        @SuppressWarnings("unchecked")
        ExecResult replace(String json) {
            Object asked = ((Map<String, Object>) read(json).get("metadata")).get("resourceVersion");
            if (lease != null && !String.valueOf(revision).equals(asked)) {
                return FakeHost.exit(1, "Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on "
                        + "leases.coordination.k8s.io \"k3j-apply\": the object has been modified; please apply your changes to the "
                        + "latest version and try again");
            }
            return store(json);
        }

        @SuppressWarnings("unchecked")
        private ExecResult store(String json) {
            lease = read(json);
            ((Map<String, Object>) lease.get("metadata")).put("resourceVersion", String.valueOf(++revision));
            return FakeHost.ok(Json.write(lease));
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> spec() {
            return (Map<String, Object>) lease.get("spec");
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> read(String json) {
            return new LinkedHashMap<>((Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(json));
        }
    }

    private FakeHost server(String address) {
        return fakes.host(address)
                .on("get lease", FakeHost.command("\\Ak3s kubectl get lease k3j-apply -n kube-system --ignore-not-found -o json\\z"),
                        sent -> api.get())
                .on("create lease", FakeHost.command("\\Ak3s kubectl create --validate=false -o json -f -\\z"), sent -> api.create(sent.stdin()))
                .on("replace lease", FakeHost.command("\\Ak3s kubectl replace --validate=false -o json -f -\\z"),
                        sent -> api.replace(sent.stdin()));
    }

    private ClusterLease lease(FakeHost server, LockHolder holder) {
        return new ClusterLease(server, holder, LEASE, clock, clock::advance, output);
    }

    /** Alice's run, on another server of the cluster; closed after each test, as its run would end. */
    private ClusterLease alices;

    @AfterEach
    void aliceEnds() {
        if (alices != null) {
            alices.close();
        }
    }

    private void aliceHoldsIt() throws InterruptedException {
        alices = new ClusterLease(server("198.51.100.12"), ALICE, LEASE, clock, clock::advance, output);
        alices.take(Duration.ZERO);
    }

    @Test
    void aClusterThatDoesNotAnswerYetIsLeftAloneUntilItsServersAreUp() throws InterruptedException {
        FakeHost server = fakes.host("198.51.100.11").on("get lease", FakeHost.command("\\Ak3s kubectl get lease .*"),
                FakeHost.exit(127, "sh: 1: k3s: not found"));

        try (ClusterLease lease = lease(server, BOB)) {
            assertThat(lease.takeIfAnswering(Duration.ZERO)).isFalse();
            assertThat(lease.held()).isFalse();
            assertThatThrownBy(() -> lease.take(Duration.ZERO)).isInstanceOf(LockTaken.class)
                    .hasMessage("198.51.100.11: cannot read the apply Lease kube-system/k3j-apply: k3s kubectl get lease failed (exit 127): "
                            + "sh: 1: k3s: not found")
                    .satisfies(e -> assertThat(((LockTaken) e).byAnotherRun()).isFalse());
        }
        assertThat(fakes.journal()).containsOnly("198.51.100.11: get lease");
    }

    @Test
    void aFreeClusterGetsTheLeaseNamingThisRunWhichItReleasesAtTheEnd() throws InterruptedException {
        FakeHost server = server("198.51.100.11");

        try (ClusterLease lease = lease(server, BOB)) {
            assertThat(lease.takeIfAnswering(Duration.ZERO)).isTrue();
            assertThat(api.spec()).containsEntry("holderIdentity", "bob@ci.example.com 99").containsEntry("leaseDurationSeconds", 120)
                    .containsEntry("acquireTime", "2026-01-01T10:00:00.000000Z").containsEntry("leaseTransitions", 0);
            clock.advance(Duration.ofSeconds(30));
            lease.renew();
            assertThat(api.spec()).containsEntry("renewTime", "2026-01-01T10:00:30.000000Z")
                    .containsEntry("acquireTime", "2026-01-01T10:00:00.000000Z");
        }
        assertThat(api.spec()).doesNotContainKey("holderIdentity");
        assertThat(fakes.journal()).containsExactly("198.51.100.11: get lease", "198.51.100.11: create lease",
                "198.51.100.11: replace lease", "198.51.100.11: replace lease");
    }

    @Test
    void anotherRunsLeaseStopsThisOneNamingItsHolderWithoutAWrite() throws InterruptedException {
        aliceHoldsIt();
        fakes.clearJournal();
        clock.advance(Duration.ofSeconds(60));

        try (ClusterLease lease = lease(server("198.51.100.11"), BOB)) {
            assertThatThrownBy(() -> lease.takeIfAnswering(Duration.ZERO)).isInstanceOf(LockTaken.class)
                    .hasMessage("198.51.100.11: another run holds the apply Lease kube-system/k3j-apply: 'alice@ops.example.com 4242', "
                            + "taken 2026-01-01T10:00:00Z, renewed 2026-01-01T10:00:00Z, held until 2026-01-01T10:02:00Z unless renewed")
                    .satisfies(e -> assertThat(((LockTaken) e).byAnotherRun()).isTrue());
        }
        assertThat(fakes.journal()).containsExactly("198.51.100.11: get lease");
        assertThat(api.spec()).containsEntry("holderIdentity", "alice@ops.example.com 4242");
    }

    @Test
    void withAWaitItTakesTheLeaseOnceItsHolderReleasesItAndSaysWhoItWaitedFor() throws InterruptedException {
        aliceHoldsIt();
        // Alice's run ends while Bob's waits: its second read finds the Lease released
        ClusterLease bobs = new ClusterLease(server("198.51.100.11"), BOB, LEASE, clock, pause -> {
            clock.advance(pause);
            alices.close();
        }, output);

        bobs.take(Duration.ofSeconds(600));

        assertThat(api.spec()).containsEntry("holderIdentity", "bob@ci.example.com 99").containsEntry("leaseTransitions", 1);
        assertThat(said.toString()).contains("198.51.100.11: waiting up to 600 s for the apply Lease kube-system/k3j-apply, held by "
                + "'alice@ops.example.com 4242'");
        bobs.close();
    }

    @Test
    void aWaitThatEndsWithTheLeaseStillHeldStopsNamingTheHolderAndTheWait() throws InterruptedException {
        aliceHoldsIt();

        try (ClusterLease lease = lease(server("198.51.100.11"), BOB)) {
            assertThatThrownBy(() -> lease.take(Duration.ofSeconds(10))).isInstanceOf(LockTaken.class)
                    .hasMessageStartingWith("198.51.100.11: another run holds the apply Lease kube-system/k3j-apply still, after 10 s: "
                            + "'alice@ops.example.com 4242'");
        }
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T10:00:10Z"));
    }

    @Test
    void aLeaseNotRenewedWithinItsDurationIsTakenOverWithAWarning() throws InterruptedException {
        aliceHoldsIt();
        clock.advance(LEASE);

        try (ClusterLease lease = lease(server("198.51.100.11"), BOB)) {
            assertThat(lease.takeIfAnswering(Duration.ZERO)).isTrue();
            assertThat(api.spec()).containsEntry("holderIdentity", "bob@ci.example.com 99").containsEntry("leaseTransitions", 1);
        }
        assertThat(said.toString()).contains("198.51.100.11: taking over the apply Lease kube-system/k3j-apply from "
                + "'alice@ops.example.com 4242', taken 2026-01-01T10:00:00Z, renewed 2026-01-01T10:00:00Z, held until "
                + "2026-01-01T10:02:00Z unless renewed: not renewed in time, so its run is gone or stuck");
    }

    @Test
    void ofTwoRunsThatFindTheClusterFreeTogetherOnlyOneGetsTheLeaseAndTheOtherNamesIt() {
        alices = new ClusterLease(server("198.51.100.12"), ALICE, LEASE, clock, clock::advance, output);
        // Alice creates the Lease after Bob has read the cluster free, before Bob writes
        api.beforeNextGetAnswers = () -> {
            try {
                alices.take(Duration.ZERO);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        };

        try (ClusterLease bobs = lease(server("198.51.100.11"), BOB)) {
            assertThatThrownBy(() -> bobs.take(Duration.ZERO)).isInstanceOf(LockTaken.class)
                    .hasMessageContaining("another run holds the apply Lease kube-system/k3j-apply: 'alice@ops.example.com 4242'");
        }
        assertThat(api.spec()).containsEntry("holderIdentity", "alice@ops.example.com 4242");
        assertThat(fakes.journal()).contains("198.51.100.11: create lease");
    }

    @Test
    void aLeaseTakenOverWhileThisRunHoldsItIsNoLongerRenewedNorReleasedByIt() throws InterruptedException {
        FakeHost server = server("198.51.100.11");
        ClusterLease bobs = lease(server, BOB);
        bobs.take(Duration.ZERO);
        clock.advance(LEASE.plusSeconds(1));
        aliceHoldsIt();

        bobs.renew();
        bobs.close();

        assertThat(bobs.held()).isFalse();
        assertThat(said.toString()).contains("198.51.100.11: the apply Lease kube-system/k3j-apply is no longer this run's");
        assertThat(api.spec()).containsEntry("holderIdentity", "alice@ops.example.com 4242");
    }

    @Test
    void aFailureToWriteTheLeaseOtherThanAConflictNamesTheServerAndKubectlsWords() {
        FakeHost server = server("198.51.100.11").on("create lease", FakeHost.command("\\Ak3s kubectl create .*"),
                FakeHost.exit(1, "Error from server (ServiceUnavailable): apiserver not ready"));

        try (ClusterLease lease = lease(server, BOB)) {
            assertThatThrownBy(() -> lease.take(Duration.ZERO)).isInstanceOf(LockTaken.class)
                    .hasMessage("198.51.100.11: cannot take the apply Lease kube-system/k3j-apply (exit 1): Error from server "
                            + "(ServiceUnavailable): apiserver not ready");
        }
        assertThat(Optional.ofNullable(api.lease)).isEmpty();
    }
}
