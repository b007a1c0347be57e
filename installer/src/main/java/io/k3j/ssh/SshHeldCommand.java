package io.k3j.ssh;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;

/** {@link HeldCommand} over an sshj channel: a reader thread hands on its output a line at a time. */
final class SshHeldCommand implements HeldCommand {
    private static final Duration END_WAIT = Duration.ofSeconds(10);
    /** Put in the queue once the output ends: a line of its own no command prints, as no line holds a NUL. */
    private static final String ENDED = "\0";

    private final String host;
    private final Session session;
    private final Session.Command running;
    private final RunLog log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private boolean ended;
    private boolean closed;

    SshHeldCommand(String host, Session session, Session.Command running, RunLog log) {
        this.host = host;
        this.session = session;
        this.running = running;
        this.log = log;
        Thread reader = new Thread(this::readLines, "k3j-held-" + host);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the channel closed under us: the command has ended as far as we can know
        } finally {
            lines.add(ENDED);
        }
    }

    @Override
    public synchronized Optional<String> nextLine(Duration limit) throws InterruptedException {
        if (ended) {
            return Optional.empty();
        }
        try {
            String line = lines.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (ENDED.equals(line)) {
                ended = true;
                running.join(END_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return Optional.empty();
            }
            return Optional.ofNullable(line);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Integer> exitStatus() {
        return Optional.ofNullable(running.getExitStatus());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            running.getOutputStream().close();
            running.join(END_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            log.note(host, "released the held command (exit " + exitStatus().map(String::valueOf).orElse("not seen") + ")");
        } catch (IOException e) {
            log.note(host, "the held command's channel was gone already: " + e.getMessage());
        } finally {
            try {
                session.close();
            } catch (IOException e) {
                // the connection's end closes it anyway
            }
        }
    }
}
