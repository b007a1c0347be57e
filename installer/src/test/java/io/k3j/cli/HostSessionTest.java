package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.WaveRunner;
import io.k3j.inventory.Inventory;
import io.k3j.lock.LockHolder;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeCluster;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class HostSessionTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T14:10:00Z"), ZoneOffset.UTC);
    private static final String OTHER = new LockHolder("alice", "ops.example.com", 4242, Instant.parse("2026-12-02T14:05:00Z")).line();

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    @TempDir
    Path temp;

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");
    private final Output output = new Output(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true), false,
            0, new Style(false));

    @Test
    void aWaitForTheApplyLockThatIsInterruptedEndsTheCommandAsInterruptedNotAsTheLockNotTaken() throws Exception {
        new FakeCluster(inventory, fakes);
        inventory.allHosts().forEach(roled -> fakes.host(roled.host().address()).on("lock", FakeHost.command("(?s)\\Ash -c .* k3j-lock .*"),
                FakeHost.ok("held " + OTHER + "\n")));
        LockOptions lock = new LockOptions();
        lock.waitForLock = true;
        lock.lockTimeout = 600;
        ConnectedHosts hosts = ConnectedHosts.connect(inventory, fakes, RunLog.create(temp.resolve("run.log"), CLOCK), new WaveRunner(1, CLOCK));

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> HostSession.takeLock(hosts, lock, new CommandContext(output, new Environment(Map.of(), false, false),
                    false), CLOCK)).isInstanceOfSatisfying(CliException.class, stopped -> {
                        assertThat(stopped.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
                        assertThat(stopped.getMessage()).matches("interrupted while taking the apply lock on 198\\.51\\.100\\.[0-9]+; "
                                + "no host was changed");
                    });
            assertThat(Thread.currentThread().isInterrupted()).as("the interruption kept for the command's caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(inventory.allHosts()).allSatisfy(roled -> assertThat(fakes.host(roled.host().address()).closed())
                .as(roled.host().address() + " closed").isTrue());
    }
}
