package io.k3j.testing;

import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.HeldCommand;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Sha256;
import io.k3j.ssh.Tunnel;
import io.k3j.ssh.UploadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A host that answers only the commands a test taught it (k0sproject/rig's rigtest mock runner is
 * the model): each answer matches a command by its text and standard input, the newest matching
 * answer wins, and a command no answer matches is an error of the test ({@link FakeHosts} fails
 * it even when the apply caught the error). Files read, written and uploaded live in memory,
 * compared on upload as SshHost compares them, so a second apply finds what the first wrote.
 * What the host was sent, in order, is kept in the {@link FakeHosts#journal() journal}: the name
 * of each answer that ran and each file written, so a test shows exactly what a change sends.
 */
public final class FakeHost implements RemoteHost {

    /** A command as the host got it: its text, its standard input as text, and whether it may be run again (a dropped connection). */
    public record Sent(String command, String stdin, boolean idempotent) {
    }

    /** A file as written: its bytes, mode and owner. */
    public record File(byte[] bytes, String mode, String owner) {

        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** An upload as asked for, and whether it wrote (an identical file is left alone). */
    public record Upload(String path, Content content, boolean written) {
    }

    private record Answer(String name, Predicate<Sent> matches, Function<Sent, ExecResult> reply) {
    }

    private final String name;
    private final List<String> journal;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final List<Sent> unknown = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    FakeHost(String name, List<String> journal) {
        this.name = name;
        this.journal = journal;
    }

    /** Commands running {@code sh -s} whose script (on standard input) has a match of {@code regex}. */
    public static Predicate<Sent> script(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return sent -> sent.command().equals("sh -s") && pattern.matcher(sent.stdin()).find();
    }

    /** Commands whose text has a match of {@code regex}. */
    public static Predicate<Sent> command(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return sent -> pattern.matcher(sent.command()).find();
    }

    public static ExecResult ok() {
        return ok("");
    }

    public static ExecResult ok(String stdout) {
        return new ExecResult(0, stdout, "", Duration.ZERO);
    }

    public static ExecResult exit(int status, String stderr) {
        return new ExecResult(status, "", stderr, Duration.ZERO);
    }

    /** Answers the commands {@code matches} takes with {@code reply}, told in the journal as {@code what}. */
    public FakeHost on(String what, Predicate<Sent> matches, Function<Sent, ExecResult> reply) {
        answers.add(0, new Answer(what, matches, reply));
        return this;
    }

    /** Answers the commands {@code matches} takes with {@code result} every time. */
    public FakeHost on(String what, Predicate<Sent> matches, ExecResult result) {
        return on(what, matches, any -> result);
    }

    /** Puts a file on the host, as if it had been there before the test (not in the journal). */
    public FakeHost put(String path, String text) {
        return put(path, text, "0600", "root:root");
    }

    /** The same with its mode and owner. */
    public FakeHost put(String path, String text, String mode, String owner) {
        files.put(path, new File(text.getBytes(StandardCharsets.UTF_8), mode, owner));
        return this;
    }

    public Optional<File> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** Every command the host got, in order (answered or not). */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    /** The commands no answer matched: each already failed its caller with an {@link AssertionError}. */
    public List<Sent> unknown() {
        return List.copyOf(unknown);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecResult run(RemoteCommand command) {
        Sent got = new Sent(command.text(), new String(read(command.stdin()), StandardCharsets.UTF_8), command.idempotent());
        sent.add(got);
        for (Answer answer : answers) {
            if (answer.matches().test(got)) {
                journal.add(name + ": " + answer.name());
                return answer.reply().apply(got);
            }
        }
        unknown.add(got);
        throw new AssertionError(name + " got a command no answer of the test matches: " + got.command()
                + (got.stdin().isEmpty() ? "" : "\n" + got.stdin()));
    }

    /** Answered as {@link #run}, the answer's standard output written to {@code stdout}. */
    @Override
    public ExecResult stream(RemoteCommand command, OutputStream stdout) {
        ExecResult result = run(command);
        try {
            stdout.write(result.stdout().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExecResult(result.exitStatus(), "", result.stderr(), result.took());
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        return file(path).map(File::bytes);
    }

    @Override
    public UploadResult upload(String path, Content content, String mode, String owner) {
        File now = files.get(path);
        boolean same = now != null && Sha256.of(now.bytes()).equals(content.sha256()) && now.mode().equals(mode)
                && now.owner().equals(owner);
        uploads.add(new Upload(path, content, !same));
        if (same) {
            return UploadResult.UNCHANGED;
        }
        files.put(path, new File(read(content), mode, owner));
        journal.add(name + ": write " + path);
        return UploadResult.WRITTEN;
    }

    /**
     * Answered as {@link #run}: the answer's standard output is handed out a line at a time; with exit
     * 0 it then runs until closed (a lock held), else it has ended with the answer's status. A thread
     * interrupted before it asks for a line is told so, as a real wait for one would tell it.
     */
    @Override
    public HeldCommand hold(RemoteCommand command) {
        ExecResult result = run(command);
        Deque<String> lines = new ArrayDeque<>(result.stdout().lines().toList());
        return new HeldCommand() {
            private boolean closed;

            @Override
            public Optional<String> nextLine(Duration limit) throws InterruptedException {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return Optional.ofNullable(lines.poll());
            }

            @Override
            public Optional<Integer> exitStatus() {
                return result.exitStatus() != 0 && lines.isEmpty() || closed ? Optional.of(result.exitStatus()) : Optional.empty();
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    journal.add(name + ": end held command");
                }
            }
        };
    }

    /** A forward to nowhere: what the tunnel reaches is the test's to fake (a datastore probe), not the host's. */
    @Override
    public Tunnel tunnel(String host, int port) {
        journal.add(name + ": tunnel to " + host + ":" + port);
        return new Tunnel() {
            @Override
            public int localPort() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Whether the code under test closed its connection. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    private static byte[] read(Content content) {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
