package io.k3j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code k3j-install apply --output=json} as its own process (the built jar), its events read as
 * they come: to be stopped with SIGINT as Ctrl-C stops it, or to have a fault made once an event
 * says a step is at work. Every wait has a deadline and fails with what the apply printed.
 */
final class ApplyProcess {
    private static final Path JAR = Path.of(System.getProperty("k3j.repo.root", "..")).toAbsolutePath().normalize()
            .resolve("installer/target/k3j-install.jar");
    private static final Duration DEADLINE = Duration.ofSeconds(600);
    private static final Pattern CORDONED = Pattern.compile("\"event\":\"action\".*\"host\":\"([^\"]+)\".*\"action\":\"cordon[^\"]*\""
            + ".*\"status\":\"ok\"");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private ApplyProcess(Process process) {
        this.process = process;
        Thread pump = new Thread(this::pump, "interrupted-apply-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** The apply, its run log {@code logs/<log>}, {@code more} options after the others. */
    static ApplyProcess start(Path inventory, Path logs, Path kubeconfig, Map<String, String> variables, String log, String... more)
            throws IOException {
        // A build started in the background of a non-interactive shell runs with SIGINT ignored, which a
        // child inherits: SIGINT's default is given back, as a terminal's Ctrl-C would find it.
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "apply", inventory.toString(),
                "--output=json", "--log-file=" + logs.resolve(log), "--kubeconfig=" + kubeconfig));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(variables);
        return new ApplyProcess(builder.start());
    }

    static ApplyProcess start(Path inventory, Path logs, Path kubeconfig, Map<String, String> variables) throws IOException {
        return start(inventory, logs, kubeconfig, variables, "interrupted.log");
    }

    private void pump() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended; the waits report what was printed
        } finally {
            synchronized (lines) {
                ended = true;
                lines.notifyAll();
            }
        }
    }

    /**
     * Waits for the event of a cordon done on one of {@code workers} (address to name), then sends
     * SIGINT; that worker's name.
     */
    String interruptOnceCordoned(Map<String, String> workers) throws InterruptedException, IOException {
        String worker = workers.get(cordoned(awaitLine(line -> cordoned(line).map(workers::get).isPresent(),
                "cordon of " + workers.values())).orElseThrow());
        signal("-INT");
        return worker;
    }

    /** Waits for the event that every host's apply lock is taken, then kills the apply (SIGKILL), as a crash would end it. */
    void killOnceLocked() throws InterruptedException, IOException {
        awaitLine(line -> line.contains("\"event\":\"locked\""), "the locked event");
        signal("-KILL");
        exitCode();
    }

    /** Waits for a line {@code wanted} matches (an event: the process prints one a line), and returns it. */
    String awaitLine(Predicate<String> wanted, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (ended || left <= 0) {
                    throw new AssertionError("no " + what + (ended ? " before the apply ended" : " within " + DEADLINE)
                            + "; it printed:\n" + String.join("\n", lines));
                }
                lines.wait(left);
            }
        }
    }

    private static Optional<String> cordoned(String line) {
        Matcher matcher = CORDONED.matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).redirectErrorStream(true).start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill " + signal + " " + process.pid() + " failed: " + new String(kill.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    /** The exit code, once the process ended (within the deadline, or the test fails and the process is killed). */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the apply did not end within " + DEADLINE + "; it printed:\n" + out());
        }
        return process.exitValue();
    }

    /** Everything it printed so far, standard output and error together. */
    String out() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }
}
