package io.k3j.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock's script run with this machine's sh and flock, its lock file in a folder of the test's own. */
class HostLockScriptTest {
    /** Bounds each wait for a line or an end, which the script gives at once: past it the test fails saying what it waited for. */
    private static final long ANSWER_SECONDS = 30;
    private static final String ALICE = new LockHolder("alice", "ops.example.com", 4242, Instant.parse("2026-12-02T14:05:00Z")).line();
    private static final String BOB = new LockHolder("bob", "ci.example.com", 99, Instant.parse("2026-12-02T14:10:00Z")).line();

    @TempDir
    Path temp;

    private final List<Run> runs = new ArrayList<>();

    @AfterEach
    void endEveryRun() {
        runs.forEach(run -> run.process.destroyForcibly());
    }

    @Test
    void theHolderNamesItselfInTheLockFileAndARunThatFindsItTakenReadsThatNameAtOnce() throws Exception {
        Run alice = start(ALICE, 0);
        assertThat(alice.line("alice's answer")).isEqualTo("locked");
        assertThat(Files.readString(lockFile())).isEqualTo(ALICE + "\n");

        Run bob = start(BOB, 0);

        assertThat(bob.line("bob's answer")).isEqualTo("held " + ALICE);
        assertThat(bob.exit()).isEqualTo(HostLock.BUSY);
        assertThat(Files.readString(lockFile())).as("bob's try leaves alice's name").isEqualTo(ALICE + "\n");
    }

    @Test
    void aRunThatWaitsGetsTheLockOnceTheHolderEndsAndNamesItselfAndTheReleaseLeavesNoName() throws Exception {
        Run alice = start(ALICE, 0);
        assertThat(alice.line("alice's answer")).isEqualTo("locked");
        Run bob = waitingBehind(ALICE, BOB);

        alice.release();

        assertThat(alice.exit()).isZero();
        assertThat(bob.line("bob's answer once alice ended")).isEqualTo("locked");
        assertThat(Files.readString(lockFile())).isEqualTo(BOB + "\n");
        bob.release();
        assertThat(bob.exit()).isZero();
        assertThat(lockFile()).isEmptyFile();
    }

    @Test
    void theTakeoverKillsOnlyTheProcessesHoldingTheLockAndAWaitingRunThenGetsIt() throws Exception {
        Run alice = start(ALICE, 0);
        assertThat(alice.line("alice's answer")).isEqualTo("locked");
        Run bob = waitingBehind(ALICE, BOB);
        List<Long> alices = alice.processes();

        Run takeover = takeOver(ALICE);

        String killed = takeover.line("the takeover's answer");
        assertThat(killed).startsWith("killed ");
        assertThat(takeover.exit()).isZero();
        assertThat(Arrays.stream(killed.substring("killed ".length()).split(" ")).map(Long::parseLong).toList())
                .as("alice's shell and its cat, not bob's waiting one").containsExactlyInAnyOrderElementsOf(alices);
        assertThat(alice.exit()).as("alice's shell killed").isNotZero();
        assertThat(bob.line("bob's answer once alice's lock was taken over")).isEqualTo("locked");
        assertThat(Files.readString(lockFile())).isEqualTo(BOB + "\n");
    }

    @Test
    void aTakeoverForAHolderTheLockFileNoLongerNamesKillsNothing() throws Exception {
        Run bob = start(BOB, 0);
        assertThat(bob.line("bob's answer")).isEqualTo("locked");

        Run takeover = takeOver(ALICE);

        assertThat(takeover.line("the takeover's answer")).isEqualTo("moved");
        assertThat(takeover.exit()).isZero();
        assertThat(bob.process.isAlive()).isTrue();
        assertThat(Files.readString(lockFile())).isEqualTo(BOB + "\n");
    }

    @Test
    void aTakeoverOfALockNobodyHoldsAnyMoreSaysItIsFree() throws Exception {
        Run alice = start(ALICE, 0);
        assertThat(alice.line("alice's answer")).isEqualTo("locked");
        for (long pid : alice.processes()) {
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
            handle.destroyForcibly();
            handle.onExit().get(ANSWER_SECONDS, TimeUnit.SECONDS);
        }
        // as after a SIGKILL: alice's name stays in the file, and nobody holds the lock

        Run takeover = takeOver(ALICE);

        assertThat(takeover.line("the takeover's answer")).isEqualTo("free");
        assertThat(takeover.exit()).isZero();
    }

    /** {@code waiter}'s run, started to wait for the lock {@code holder} holds, having said whom it waits for. */
    private Run waitingBehind(String holder, String waiter) throws IOException, InterruptedException {
        Run run = start(waiter, 600);
        assertThat(run.line("the waiting run's first answer")).isEqualTo("held " + holder);
        return run;
    }

    private Run takeOver(String holder) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", HostLock.takeOverScript(temp.toString()), "k3j-lock-takeover", holder)
                .redirectErrorStream(true).start();
        Run run = new Run(process);
        runs.add(run);
        return run;
    }

    private Path lockFile() {
        return Path.of(HostLock.lockFile(temp.toString()));
    }

    private Run start(String holder, long waitSeconds) throws IOException {
        Process process = new ProcessBuilder("/bin/sh", "-c", HostLock.script(temp.toString()), "k3j-lock", holder, Long.toString(waitSeconds))
                .redirectErrorStream(true).start();
        Run run = new Run(process);
        runs.add(run);
        return run;
    }

    /** One lock script at work: its lines as it prints them, its input held open until released. */
    private static final class Run {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Run(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    output.lines().forEach(lines::add);
                } catch (IOException e) {
                    // the process ended
                }
            }, "lock-script-output");
            reader.setDaemon(true);
            reader.start();
        }

        String line(String what) throws InterruptedException {
            String line = lines.poll(ANSWER_SECONDS, TimeUnit.SECONDS);
            assertThat(line).as("no " + what + " within " + ANSWER_SECONDS + " s").isNotNull();
            return line;
        }

        /**
         * The script's shell and every process under it (its cat), once the cat runs: the shell
         * says "locked" before it forks the cat, and a cat forked after this list was read would
         * be left holding the lock.
         */
        List<Long> processes() throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
            while (process.descendants().findAny().isEmpty()) {
                assertThat(System.nanoTime()).as("the script's cat running within " + ANSWER_SECONDS + " s").isLessThan(until);
                Thread.sleep(10);
            }
            List<Long> pids = new ArrayList<>(List.of(process.pid()));
            process.descendants().forEach(child -> pids.add(child.pid()));
            return pids;
        }

        void release() throws IOException {
            process.getOutputStream().close();
        }

        int exit() throws InterruptedException {
            assertThat(process.waitFor(ANSWER_SECONDS, TimeUnit.SECONDS)).as("the script ended within " + ANSWER_SECONDS + " s").isTrue();
            return process.exitValue();
        }
    }
}
