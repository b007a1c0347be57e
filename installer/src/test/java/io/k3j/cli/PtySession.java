package io.k3j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command in a real pseudo-terminal, through util-linux {@code script}: what it prints is read as
 * it comes, answers are typed when the prompt they answer has appeared (typed earlier, the
 * terminal itself would echo them between two prompts, and the screen would differ run to run). Every wait has a deadline
 * and fails with what the screen showed.
 */
final class PtySession implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    private final Process process;
    private final OutputStream keyboard;
    private final StringBuilder screen = new StringBuilder();
    private int seen;
    private boolean ended;

    private PtySession(Process process) {
        this.process = process;
        this.keyboard = process.getOutputStream();
        Thread pump = new Thread(this::pump, "pty-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Runs {@code command} (a shell command line) in a pty of 100 columns, in {@code folder}. */
    static PtySession start(String command, Path folder, Map<String, String> environment) throws IOException {
        // A build started in the background of a non-interactive shell (CI often is) runs with SIGINT
        // ignored, which every child inherits: the JVM then never sees the terminal's Ctrl-C. A
        // person's terminal never starts a program so, so the command gets SIGINT's default back.
        ProcessBuilder builder = new ProcessBuilder(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\"",
                "script", "-qec", "stty cols 100 rows 50; exec " + command, "/dev/null"))
                .directory(folder.toFile())
                .redirectErrorStream(true);
        // CI=true in the caller's environment would make the wizard refuse to prompt.
        builder.environment().remove("CI");
        builder.environment().putAll(environment);
        return new PtySession(builder.start());
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (InputStream output = process.getInputStream()) {
            int read;
            while ((read = output.read(buffer)) > 0) {
                synchronized (screen) {
                    screen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    screen.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended; expect() reports what was seen
        } finally {
            synchronized (screen) {
                ended = true;
                screen.notifyAll();
            }
        }
    }

    /** Waits until {@code text} appears after what the last expect found. */
    PtySession expect(String text) throws InterruptedException {
        return expect(text, DEADLINE);
    }

    /** As {@link #expect(String)}, for output that takes longer to come, such as the end of an apply. */
    PtySession expect(String text, Duration within) throws InterruptedException {
        if (!appears(text, within)) {
            throw new AssertionError("'" + text + "' did not appear" + (ended ? " before the command ended" : " within "
                    + within.toSeconds() + " s") + "; the screen after the last answer:\n" + transcript().substring(seen));
        }
        return this;
    }

    /** Presses Ctrl-C and waits until {@code text} appears. */
    PtySession interrupt(String text) throws IOException, InterruptedException {
        return press("\u0003").expect(text);
    }

    private boolean appears(String text, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        synchronized (screen) {
            while (true) {
                int at = plain(screen.toString()).indexOf(text, seen);
                if (at >= 0) {
                    seen = at + text.length();
                    return true;
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || ended) {
                    return false;
                }
                screen.wait(left);
            }
        }
    }

    /** Types a line and Enter. */
    PtySession type(String line) throws IOException {
        return press(line + "\r");
    }

    /** Presses keys, such as Ctrl-C (\u0003), without Enter. */
    PtySession press(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        return this;
    }

    int exitCode() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the command did not end within " + DEADLINE.toSeconds() + " s:\n" + transcript());
        }
        return process.exitValue();
    }

    /** Everything shown, as a person would read it: terminal control sequences removed. */
    String transcript() {
        synchronized (screen) {
            return plain(screen.toString());
        }
    }

    /** Drops ANSI/VT control sequences and carriage returns, keeping the text. */
    static String plain(String raw) {
        return raw.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "")
                .replaceAll("\u001B\\][^\u0007\u001B]*(\u0007|\u001B\\\\)", "")
                .replaceAll("\u001B[=>()][0-9A-B]?", "")
                .replace("\r", "");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
