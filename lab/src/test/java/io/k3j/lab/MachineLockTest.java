package io.k3j.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab lock between processes, on a lock file of its own: {@code K3J_LAB_STATE} points
 * {@link Lab#lockFile()} of the other JVMs ({@link HoldsTheLabLock}) at this test's directory,
 * and this JVM takes the same file through {@link MachineLock#acquire(Path, Duration)}.
 */
class MachineLockTest {
    @TempDir
    Path dir;

    private ChildJvm holder(String name) {
        return ChildJvm.start(HoldsTheLabLock.class, Map.of("K3J_LAB_STATE", dir.resolve("state").toString()),
                dir.resolve(name + ".err"));
    }

    private Path lockFile() {
        return dir.resolve("state.lock");
    }

    @Test
    void aSecondProcessWaitsBlockedInTheKernelAndTakesTheLockWhenTheFirstLetsGo() throws IOException {
        try (ChildJvm first = holder("first")) {
            assertThat(first.nextLine()).isEqualTo("locked");
            try (ChildJvm second = holder("second")) {
                LockWaiters.awaitBlocked(second.pid(), lockFile());
                assertThat(Files.readString(dir.resolve("second.err")))
                        .contains("holds the lab (" + lockFile() + "); waiting for it to finish");

                first.closeInput();
                assertThat(first.exitValue()).isZero();
                assertThat(second.nextLine()).isEqualTo("locked");
                second.closeInput();
                assertThat(second.exitValue()).isZero();
            }
        }
    }

    @Test
    void aWaitPastItsBoundEndsNamingTheLockAndHowToFindItsHolderAndLeavesNothingHeld() {
        try (ChildJvm first = holder("first")) {
            assertThat(first.nextLine()).isEqualTo("locked");

            assertThatThrownBy(() -> MachineLock.acquire(lockFile(), Duration.ofMillis(300))).isInstanceOf(LabException.class)
                    .hasMessage("another process has held the lab (" + lockFile() + ") for over 300 ms; find it with 'fuser "
                            + lockFile() + "'");

            first.closeInput();
            assertThat(first.exitValue()).isZero();
        }
        try (MachineLock taken = MachineLock.acquire(lockFile(), Duration.ofMillis(300))) {
            assertThat(LockWaiters.isBlocked(ProcessHandle.current().pid(), lockFile())).isFalse();
        }
    }

    @Test
    void anInterruptEndsAWaitBlockedOnTheLock() throws Exception {
        try (ChildJvm first = holder("first")) {
            assertThat(first.nextLine()).isEqualTo("locked");
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try (MachineLock never = MachineLock.acquire(lockFile(), Duration.ofHours(1))) {
                    failure.complete(null);
                } catch (RuntimeException e) {
                    failure.complete(e);
                }
            }, "waits for the lab lock");
            waiter.start();
            LockWaiters.awaitBlocked(ProcessHandle.current().pid(), lockFile());

            waiter.interrupt();

            assertThat(failure.get(60, TimeUnit.SECONDS)).isInstanceOf(LabException.class)
                    .hasMessage("interrupted while waiting for the lab lock " + lockFile());
            first.closeInput();
        }
    }

    @Test
    void takingItTwiceInOneRunIsRefusedNamingTheWayOut() {
        try (MachineLock held = MachineLock.acquire(lockFile(), Duration.ofMillis(300))) {
            assertThatThrownBy(() -> MachineLock.acquire(lockFile(), Duration.ofMillis(300))).isInstanceOf(LabException.class)
                    .hasMessageContaining("this test run already holds the lab (" + lockFile() + ")")
                    .hasMessageContaining("LabExtension.releaseKeptLab() first");
        }
    }
}
