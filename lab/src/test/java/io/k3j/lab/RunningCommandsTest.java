package io.k3j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lab/lab command that {@link Lab} runs ends with everything it started when the JVM running it
 * stops or stops waiting for it. The command here is a script standing in for lab/lab: it starts
 * a child of its own (as up starts hosts) and tells the test both pids through a FIFO.
 */
class RunningCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path script() throws IOException {
        Path script = dir.resolve("lab");
        Files.writeString(script, "#!/bin/sh\nsleep 600 &\necho $$ $! >\"$1\"\nwait\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Path fifo() throws IOException, InterruptedException {
        Path fifo = dir.resolve("started");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();
        return fifo;
    }

    /** The script's pid and its child's, once it has started the child. */
    private static List<ProcessHandle> started(Path fifo) throws Exception {
        String pids = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return Arrays.stream(pids.strip().split(" ")).map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow(
                () -> new AssertionError("pid " + pid + " ended before the test could look at it"))).toList();
    }

    private static void assertEnded(List<ProcessHandle> processes) throws Exception {
        try {
            for (ProcessHandle process : processes) {
                try {
                    process.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("pid " + process.pid() + " (" + process.info().commandLine().orElse("?")
                            + ") still runs " + WAIT + " after the JVM that started its command stopped");
                }
            }
        } finally {
            processes.forEach(ProcessHandle::destroyForcibly);   // what a failure left, by pid
        }
    }

    @Test
    void aJvmStoppedBySigtermEndsTheCommandItWasRunningAndWhatThatStarted() throws Exception {
        Path fifo = fifo();
        try (ChildJvm jvm = ChildJvm.start(RunsALabCommand.class, Map.of(), dir.resolve("jvm.err"), script().toString(),
                fifo.toString())) {
            List<ProcessHandle> command = started(fifo);

            jvm.stop();

            assertEnded(command);
        }
    }

    @Test
    void anInterruptedRunEndsTheCommandAndWhatItStarted() throws Exception {
        Path fifo = fifo();
        Path script = script();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        Thread runner = new Thread(() -> {
            try {
                Lab.run(script, Duration.ofMinutes(10), fifo.toString());
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        }, "runs the command");
        runner.start();
        List<ProcessHandle> command = started(fifo);

        runner.interrupt();

        assertThat(failure.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(LabException.class)
                .hasMessage("interrupted while running lab/lab " + fifo);
        assertEnded(command);
    }
}
