package io.k3j.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Another JVM on this test's class path, running one of its main classes: a second process for a test. */
final class ChildJvm implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final BufferedReader out;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code main} with {@code environment} added to this one's, its standard error going to {@code errors}. */
    static ChildJvm start(Class<?> main, Map<String, String> environment, Path errors, String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dk3j.repo.root=" + Lab.script().getParent().getParent(),
                main.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        try {
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The next line it prints, waited for at most a minute. */
    String nextLine() {
        return within(CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), "print a line");
    }

    /** Ends its standard input. */
    void closeInput() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends it SIGTERM, as Maven or a Ctrl-C stops a test JVM, and waits until it is gone. */
    int stop() {
        process.destroy();
        return within(process.onExit(), "stop after SIGTERM").exitValue();
    }

    int exitValue() {
        return within(process.onExit(), "exit").exitValue();
    }

    private <T> T within(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the child JVM (pid " + process.pid() + ") did not " + what + " within " + WAIT, e);
        } catch (ExecutionException e) {
            throw new AssertionError("reading the child JVM (pid " + process.pid() + ") failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Kills it if a failed test left it running. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
