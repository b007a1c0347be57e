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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HostLocksTest {
    private static final LockHolder ME = new LockHolder("bob", "ci.example.com", 99, Instant.parse("2026-12-02T14:10:00Z"));
    private static final String OTHER = new LockHolder("alice", "ops.example.com", 4242, Instant.parse("2026-12-02T14:05:00Z")).line();

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final List<String> waits = new ArrayList<>();

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

        HostLocks locks = HostLocks.take(hosts, ME, Duration.ZERO, waits::add);

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

        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ZERO, waits::add)).isInstanceOfSatisfying(LockTaken.class,
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

        HostLocks.take(hosts, ME, Duration.ofSeconds(600), waits::add).close();

        assertThat(waits).containsExactly("198.51.100.11: waiting up to 600 s for the apply lock, held by alice on ops.example.com "
                + "(pid 4242) since 2026-12-02T14:05:00Z");
    }

    @Test
    void aWaitThatIsInterruptedEndsAsInterruptedNamingTheHostAndWhatWasTakenIsReleased() {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "locked\n", 0), lockable("198.51.100.12", "held " + OTHER + "\n", 0));

        // Ctrl-C as the wait for the other run's lock begins
        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ofSeconds(600), waiting -> Thread.currentThread().interrupt()))
                .isInstanceOf(InterruptedException.class).hasMessage("interrupted while taking the apply lock on 198.51.100.12");
        assertThat(fakes.journal()).contains("198.51.100.11: end held command", "198.51.100.12: end held command");
    }

    @Test
    void aWaitThatEndsWithoutTheLockNamesTheHolderStill() {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "held " + OTHER + "\n", HostLock.BUSY));

        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ofSeconds(5), waits::add)).isInstanceOf(LockTaken.class)
                .hasMessage("198.51.100.11: another run still holds the apply lock after 5 s: alice on ops.example.com (pid 4242) "
                        + "since 2026-12-02T14:05:00Z");
    }

    @Test
    void aHostWithoutFlockSaysWhatItsShellSaid() {
        Map<String, RemoteHost> hosts = hosts(lockable("198.51.100.11", "sh: 3: flock: not found\n", 127));

        assertThatThrownBy(() -> HostLocks.take(hosts, ME, Duration.ZERO, waits::add)).isInstanceOfSatisfying(LockTaken.class,
                taken -> assertThat(taken.byAnotherRun()).isFalse())
                .hasMessage("198.51.100.11: cannot take the apply lock (flock on /run/k3j/apply.lock): sh: 3: flock: not found");
    }

    @Test
    void aConnectionThatFailsTheLockIsSaidAsTheLockNotTakenNamingTheHost() {
        FakeHost dropped = fakes.host("198.51.100.11").on("lock", FakeHost.command("(?s)\\Ash -c .* k3j-lock .*"), sent -> {
            throw new SshException("198.51.100.11: the connection dropped while running a command: EOF");
        });

        assertThatThrownBy(() -> HostLocks.take(hosts(dropped), ME, Duration.ZERO, waits::add)).isInstanceOf(LockTaken.class)
                .hasMessage("198.51.100.11: the connection dropped while running a command: EOF (while taking the apply lock)");
    }
}
