package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.plan.Operation;
import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.RunLog;
import io.k3j.ssh.Tunnel;
import io.k3j.ssh.UploadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running K3s servers restart one at a time: a second server's restart waits until the first is
 * ready again; units that may restart together (agents) do not wait.
 */
class ServiceStarterTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstRestarting = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    @Test
    void aRunningServerRestartsOnlyOnceTheOneBeforeItIsReady() throws Exception {
        Fixture fixture = fixture();
        Operation.Services k3s = new Operation.Services(List.of("k3s"), new Operation.Active(), true);

        Thread first = fixture.start("s1", k3s);
        assertThat(firstRestarting.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("s1 restarting").isTrue();
        Thread second = fixture.start("s2", k3s);
        ReentrantLock turn = (ReentrantLock) fixture.context.oneRestartAtATime();
        awaitQueued(turn, second);

        assertThat(events).containsExactly("s1 restart");
        releaseFirst.countDown();
        join(first, second);
        assertThat(events).containsExactly("s1 restart", "s1 ready", "s2 restart", "s2 ready");
    }

    @Test
    void unitsThatMayRestartTogetherDoNotWaitForEachOther() throws Exception {
        Fixture fixture = fixture();
        Operation.Services agent = new Operation.Services(List.of("k3s-agent"), new Operation.Active());

        Thread first = fixture.start("s1", agent);
        assertThat(firstRestarting.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("s1 restarting").isTrue();
        Thread second = fixture.start("s2", agent);
        join(second);

        assertThat(events).containsExactly("s1 restart", "s2 restart", "s2 ready");
        releaseFirst.countDown();
        join(first);
    }

    private record Fixture(ApplyContext context, ServiceStarter starter, Map<String, Host> hosts, Map<String, RemoteHost> remotes) {
        Thread start(String name, Operation.Services services) {
            Thread thread = new Thread(() -> starter.start(remotes.get(name), hosts.get(name), services, List.of("config")), name);
            thread.start();
            return thread;
        }
    }

    private Fixture fixture() {
        Inventory inventory = new InventoryLoader(name -> null).load(Path.of("..", "inventories", "airgap.yaml")).inventory().orElseThrow();
        Host s1 = inventory.servers().hosts().get(0);
        Host s2 = inventory.servers().hosts().get(1);
        Map<String, RemoteHost> remotes = Map.of("s1", new RunningHost("s1", true), "s2", new RunningHost("s2", false));
        ConnectedHosts hosts = new ConnectedHosts(Map.of(s1.address(), remotes.get("s1"), s2.address(), remotes.get("s2")), Map.of(),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        ApplyContext context = new ApplyContext(inventory, hosts, "", LIMIT, Clock.systemUTC());
        return new Fixture(context, new ServiceStarter(context, SilentListener.INSTANCE), Map.of("s1", s1, "s2", s2), remotes);
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

    /** A host whose units run (with no stamp, so they restart); its restart and wait are told as events, s1's restart held. */
    private final class RunningHost implements RemoteHost {
        private final String name;
        private final boolean held;

        RunningHost(String name, boolean held) {
            this.name = name;
            this.held = held;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ExecResult run(RemoteCommand command) {
            String script = read(command.stdin());
            if (script.contains("systemctl restart")) {
                events.add(name + " restart");
                if (held) {
                    firstRestarting.countDown();
                    await(releaseFirst);
                }
            } else if (script.contains("until systemctl is-active")) {
                events.add(name + " ready");
            }
            return new ExecResult(0, "", "", Duration.ZERO);
        }

        @Override
        public Optional<byte[]> readFile(String path) {
            return Optional.empty();
        }

        @Override
        public UploadResult upload(String path, Content content, String mode, String owner) {
            return UploadResult.WRITTEN;
        }

        @Override
        public Tunnel tunnel(String host, int port) {
            throw new UnsupportedOperationException("no tunnel in this test");
        }

        @Override
        public void close() {
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

    private static String read(Content content) {
        try (InputStream in = content.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
