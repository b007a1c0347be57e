package io.k3j.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import io.k3j.ssh.SshException;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HostLocksTest {
    private static final LockHolder ME = new LockHolder("bob", "ci.example.com", 99, Instant.parse("2026-12-02T14:10:00Z"));
    private static final String OTHER = new LockHolder("alice", "ops.example.com", 4242, Instant.parse("2026-12-02T14:05:00Z")).line();

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final List<String> waits = new ArrayList<>();
    private final List<String> takeovers = new ArrayList<>();
    /** A run of this machine (ME's) that is gone: pid 7 is not alive here, as the tests' {@link #aliveHere} says. */
    private static final LockHolder GONE = new LockHolder("bob", "ci.example.com", 7, Instant.parse("2026-12-02T13:00:00Z"));

    private static boolean aliveHere(long pid) {
        return pid == ME.pid();
    }

    /** A host whose lock the gone run holds: the lock command finds it held until the takeover answered {@code takeover}. */
    private FakeHost heldByTheGoneRun(String address, ExecResult takeover, boolean waits) {
        boolean[] killed = {false};
        return fakes.host(address)
                .on("lock", FakeHost.command("(?s)\\Ash -c .* k3j-lock .*"), sent -> killed[0] && !waits ? FakeHost.ok("locked\n")
                        : waits ? FakeHost.ok("held " + GONE.line() + "\nlocked\n")
                        : new ExecResult(HostLock.BUSY, "held " + GONE.line() + "\n", "", Duration.ZERO))
                .on("take over", FakeHost.command("(?s)\\Ash -c .* k3j-lock-takeover " + Pattern.quote(Shell.quote(GONE.line()))),
                        sent -> {
                            killed[0] = takeover.ok();
                            return takeover;
                        });
    }

    @Test
    void aLockHeldByARunOfThisMachineThatIsGoneIsTakenOverSayingTheHostTheHolderAndThePidKilled() throws InterruptedException {
        Map<String, RemoteHost> hosts = hosts(heldByTheGoneRun("198.51.100.13", FakeHost.ok("killed 812 815\n"), false));

        HostLocks.take(hosts, ME, Duration.ZERO, waits::add, takeovers::add, HostLocksTest::aliveHere).close();

        assertThat(fakes.journal()).containsExactly("198.51.100.13: lock", "198.51.100.13: take over", "198.51.100.13: end held command",
                "198.51.100.13: lock", "198.51.100.13: end held command");
        assertThat(takeovers).containsExactly("198.51.100.13: the apply lock is held by bob on ci.example.com (pid 7) since "
                + "2026-12-02T13:00:00Z, a run of this machine that is gone (pid 7 is not alive here; its connection was cut, so sshd "
                + "kept its shell); taken over: killed pid 812 815 on 198.51.100.13, which held it");
        assertThat(waits).isEmpty();
    }

    @Test
    void withAWaitTheWaitingLockCommandGetsTheLockTheTakeoverFreed() throws InterruptedException {
        Map<String, RemoteHost> hosts = hosts(heldByTheGoneRun("198.51.100.13", FakeHost.ok("killed 812\n"), true));

        HostLocks.take(hosts, ME, Duration.ofSeconds(600), waits::add, takeovers::add, HostLocksTest::aliveHere).close();

        assertThat(fakes.journal()).containsExactly("198.51.100.13: lock", "198.51.100.13: take over", "198.51.100.13: end held command");
        assertThat(takeovers).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aTakeoverThatFailsStopsNamingTheHostWhatWasTriedAndHowToEndItByHand() {
        Map<String, RemoteHost> hosts = hosts(heldByTheGoneRun("198.51.100.13",
                new ExecResult(1, "no process shows the flock on /run/k3j/apply.lock (inode 12)\n", "", Duration.ZERO), false));

        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ZERO, waits::add, takeovers::add, HostLocksTest::aliveHere))
                .isInstanceOfSatisfying(LockTaken.class, taken -> assertThat(taken.byAnotherRun()).isFalse())
                .hasMessageStartingWith("198.51.100.13: the apply lock is held by bob on ci.example.com (pid 7)")
                .hasMessageContaining("taking it over failed (exit 1): no process shows the flock on /run/k3j/apply.lock (inode 12). "
                        + "End the process holding /run/k3j/apply.lock on 198.51.100.13 by hand (fuser -v");
        assertThat(takeovers).isEmpty();
    }

    @Test
    void aLiveRunOfThisMachineIsNotTakenOver() {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "held " + GONE.line() + "\n", HostLock.BUSY));

        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ZERO, waits::add, takeovers::add, pid -> true))
                .isInstanceOf(LockTaken.class).hasMessageStartingWith("198.51.100.11: another run holds the apply lock: bob on ci.example.com");
        assertThat(fakes.journal()).doesNotContain("198.51.100.11: take over");
    }

    private FakeHost lockable(String address, String answer, int exit) {
        return fakes.host(address).on("lock", FakeHost.command("(?s)\\Ash -c .* k3j-lock .*"),
                exit == 0 ? FakeHost.ok(answer) : new ExecResult(exit, answer, "", Duration.ZERO));
    }

    private Map<String, RemoteHost> hosts(FakeHost... hosts) {
        Map<String, RemoteHost> byAddress = new LinkedHashMap<>();
        for (FakeHost host : hosts) {
            byAddress.put(host.name(), host);
        }
        return byAddress;
    }

    @Test
    void everyHostIsLockedTheLowestAddressFirstAndReleasedAtTheEnd() throws InterruptedException {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.13", "locked\n", 0), lockable("198.51.100.11", "locked\n", 0),
                lockable("198.51.100.12", "locked\n", 0));

        HostLocks locks = HostLocks.take(hosts, ME, Duration.ZERO, waits::add, takeovers::add);

        assertThat(fakes.journal()).containsExactly("198.51.100.11: lock", "198.51.100.12: lock", "198.51.100.13: lock");
        fakes.clearJournal();
        locks.close();
        assertThat(fakes.journal()).containsExactlyInAnyOrder("198.51.100.11: end held command", "198.51.100.12: end held command",
                "198.51.100.13: end held command");
        assertThat(waits).isEmpty();
    }

    @Test
    void theLockCommandNamesThisRunAndHowLongToWaitAsTheHostsShellReadsThem() {
        String command = HostLock.command(ME, Duration.ofSeconds(30)).text();

        assertThat(command).startsWith("sh -c '").endsWith(" k3j-lock " + Shell.quote(ME.line()) + " 30");
        assertThat(HostLock.command(ME, Duration.ofSeconds(30)).asRoot()).isTrue();
        assertThat(HostLock.command(ME, Duration.ofSeconds(30)).idempotent()).isFalse();
    }

    @Test
    void aHostAnotherRunHoldsStopsItNamingTheHostAndTheHolderAndWhatWasTakenIsReleased() {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "locked\n", 0),
                lockable("198.51.100.12", "held " + OTHER + "\n", HostLock.BUSY), lockable("198.51.100.13", "locked\n", 0));

        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ZERO, waits::add, takeovers::add)).isInstanceOfSatisfying(LockTaken.class,
                taken -> {
                    assertThat(taken.host()).isEqualTo("198.51.100.12");
                    assertThat(taken.byAnotherRun()).isTrue();
                    assertThat(taken.getMessage()).isEqualTo("198.51.100.12: another run holds the apply lock: alice on ops.example.com "
                            + "(pid 4242) since 2026-12-02T14:05:00Z");
                });
        assertThat(fakes.journal()).contains("198.51.100.11: end held command", "198.51.100.13: end held command");
    }

    @Test
    void withAWaitItSaysWhoItWaitsForAndGoesOnOnceTheLockIsItsOwn() throws InterruptedException {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "held " + OTHER + "\nlocked\n", 0));

        HostLocks.take(hosts, ME, Duration.ofSeconds(600), waits::add, takeovers::add).close();

        assertThat(waits).containsExactly("198.51.100.11: waiting up to 600 s for the apply lock, held by alice on ops.example.com "
                + "(pid 4242) since 2026-12-02T14:05:00Z");
    }

    @Test
    void aWaitThatIsInterruptedEndsAsInterruptedNamingTheHostAndWhatWasTakenIsReleased() {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "locked\n", 0), lockable("198.51.100.12", "held " + OTHER + "\n", 0));

        // Ctrl-C as the wait for the other run's lock begins
        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ofSeconds(600), waiting -> Thread.currentThread().interrupt(), takeovers::add))
                .isInstanceOf(InterruptedException.class).hasMessage("interrupted while taking the apply lock on 198.51.100.12");
        assertThat(fakes.journal()).contains("198.51.100.11: end held command", "198.51.100.12: end held command");
    }

    @Test
    void aWaitThatEndsWithoutTheLockNamesTheHolderStill() {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "held " + OTHER + "\n", HostLock.BUSY));

        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ofSeconds(5), waits::add, takeovers::add)).isInstanceOf(LockTaken.class)
                .hasMessage("198.51.100.11: another run still holds the apply lock after 5 s: alice on ops.example.com (pid 4242) "
                        + "since 2026-12-02T14:05:00Z");
    }

    @Test
    void aHostWithoutFlockSaysWhatItsShellSaid() {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "sh: 3: flock: not found\n", 127));

        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ZERO, waits::add, takeovers::add)).isInstanceOfSatisfying(LockTaken.class,
                taken -> assertThat(taken.byAnotherRun()).isFalse())
                .hasMessage("198.51.100.11: cannot take the apply lock (flock on /run/k3j/apply.lock): sh: 3: flock: not found");
    }

    @Test
    void aConnectionThatFailsTheLockIsSaidAsTheLockNotTakenNamingTheHost() {
        FakeHost dropped = fakes.host("198.51.100.11").on("lock", FakeHost.command("(?s)\\Ash -c .* k3j-lock .*"), sent -> {
            throw new SshException("198.51.100.11: the connection dropped while running a command: EOF");
        });

        assertThatThrownBy(() -> HostLocks.take(hosts(dropped), ME, Duration.ZERO, waits::add, takeovers::add)).isInstanceOf(LockTaken.class)
                .hasMessage("198.51.100.11: the connection dropped while running a command: EOF (while taking the apply lock)");
    }
}
