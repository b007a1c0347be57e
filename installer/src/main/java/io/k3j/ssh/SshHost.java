package io.k3j.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.LocalPortForwarder;
import net.schmizz.sshj.connection.channel.direct.Parameters;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/** A host over SSH (sshj): one connection, reused by every command, reconnected once if it drops. */
public final class SshHost implements RemoteHost {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int KEEPALIVE_SECONDS = 10;
    private static final int KEEPALIVE_UNANSWERED = 3;
    private static final int CHUNK_BYTES = 1 << 16;
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final SshTarget target;
    private final HostKeyPolicy hostKeys;
    private final RunLog log;
    private final Clock clock;
    private SSHClient client;
    private SSHClient jump;
    private Sudo.Mode sudo;

    private SshHost(SshTarget target, HostKeyPolicy hostKeys, RunLog log, Clock clock) {
        this.target = target;
        this.hostKeys = hostKeys;
        this.log = log;
        this.clock = clock;
    }

    /** Connects and authenticates, or fails with what was tried and what to do. */
    public static SshHost connect(SshTarget target, HostKeyPolicy hostKeys, RunLog log, Clock clock) {
        SshHost host = new SshHost(target, hostKeys, log, clock);
        host.open();
        return host;
    }

    @Override
    public String name() {
        return target.name();
    }

    private synchronized void open() {
        closeQuietly();
        if (target.bastion().isPresent()) {
            jump = authenticated(target.bastion().get(), null);
        }
        client = authenticated(target, jump);
        log.note(target.name(), "connected to " + target.user() + "@" + target.hostPort()
                + target.bastion().map(bastion -> " through " + bastion.hostPort()).orElse(""));
        try {
            sudo = Sudo.find(target, this::probe);
        } catch (IOException e) {
            closeQuietly();
            throw new SshException(target.name() + ": the connection dropped while asking how sudo works there: " + e.getMessage(), e);
        } catch (SshException e) {
            closeQuietly();
            throw e;
        }
    }

    /** A command of sudo's own, logged like any other (the password masked). */
    private ExecResult probe(Sudo.Wrapped wrapped) throws IOException {
        Instant start = clock.instant();
        RawResult raw = exec(wrapped, Content.NONE, RemoteCommand.DEFAULT_TIMEOUT);
        ExecResult result = new ExecResult(raw.exitStatus(), text(raw.stdout()), text(raw.stderr()), Duration.between(start, clock.instant()));
        log.command(target.name(), wrapped.command(), result, sudoSecrets());
        return result;
    }

    private List<String> sudoSecrets() {
        return target.sudoPassword().map(password -> List.of(new String(password))).orElse(List.of());
    }

    private SSHClient authenticated(SshTarget host, SSHClient via) {
        AtomicReference<HostKeyException> refusal = new AtomicReference<>();
        DefaultConfig config = new DefaultConfig();
        // KEEP_ALIVE asks for replies: a host stopped or cut off is found within about
        // KEEPALIVE_SECONDS × KEEPALIVE_UNANSWERED, where TCP alone would wait on a command for minutes.
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient ssh = new SSHClient(config);
        // Set before connecting: sshj starts the keep-alive thread as it connects, and only when it has an interval.
        KeepAliveRunner keepAlive = (KeepAliveRunner) ssh.getConnection().getKeepAlive();
        keepAlive.setMaxAliveCount(KEEPALIVE_UNANSWERED);
        keepAlive.setKeepAliveInterval(KEEPALIVE_SECONDS);
        ssh.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        ssh.addHostKeyVerifier(hostKeys.verifierFor(host, refusal));
        try {
            if (via == null) {
                ssh.connect(host.address(), host.port());
            } else {
                ssh.connectVia(via.newDirectConnection(host.address(), host.port()));
            }
        } catch (IOException e) {
            closeQuietly(ssh);
            if (refusal.get() != null) {
                throw refusal.get();
            }
            throw connectionFailure(host, via, e);
        }
        List<String> tried = new ArrayList<>();
        try {
            ssh.authPublickey(host.user(), keys(ssh, host, tried).toArray(KeyProvider[]::new));
            return ssh;
        } catch (UserAuthException | TransportException e) {
            closeQuietly(ssh);
            throw new SshException(host.name() + " (" + host.hostPort() + "): login as " + host.user() + " refused with the key"
                    + (tried.size() == 1 ? " " : "s ") + String.join(", ", tried) + ": " + e.getMessage()
                    + ". Check that the public key is in ~" + host.user() + "/.ssh/authorized_keys on the host, "
                    + "or set keyPath in the inventory");
        }
    }

    private static List<KeyProvider> keys(SSHClient ssh, SshTarget host, List<String> tried) {
        List<Path> candidates = host.keyPath().map(List::of).orElseGet(() -> DEFAULT_KEYS.stream()
                .map(name -> Path.of(System.getProperty("user.home"), ".ssh", name)).filter(Files::isReadable).toList());
        if (candidates.isEmpty()) {
            throw new SshException(host.name() + ": no SSH key to log in with: none of ~/.ssh/" + String.join(", ~/.ssh/", DEFAULT_KEYS)
                    + " exists; set spec.ssh.keyPath in the inventory");
        }
        List<KeyProvider> providers = new ArrayList<>();
        for (Path key : candidates) {
            tried.add(key.toString());
            try {
                providers.add(host.keyPassphrase().isPresent()
                        ? ssh.loadKeys(key.toString(), PasswordUtils.createOneOff(host.keyPassphrase().get().clone()))
                        : ssh.loadKeys(key.toString()));
            } catch (IOException e) {
                throw new SshException(host.name() + ": cannot read the SSH key " + key + ": " + e.getMessage()
                        + (host.keyPassphrase().isEmpty() ? " (if it has a passphrase, set spec.ssh.keyPassphrase)" : ""));
            }
        }
        return providers;
    }

    private static SshException connectionFailure(SshTarget host, SSHClient via, IOException e) {
        String where = host.name() + " (" + host.hostPort() + (via == null ? "" : ", through the bastion") + ")";
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException)) {
            cause = cause.getCause();
        }
        String why;
        if (cause instanceof ConnectException) {
            why = "connection refused: is sshd running there and listening on port " + host.port() + "?";
        } else if (cause instanceof UnknownHostException) {
            why = "the name does not resolve: check the address in the inventory";
        } else if (cause instanceof SocketTimeoutException) {
            why = "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s: is the host up, and is port " + host.port()
                    + " open in its firewall?";
        } else if (cause instanceof NoRouteToHostException) {
            why = "no route to the host: is it on a network this machine reaches (or does it need a bastion)?";
        } else {
            why = e.getMessage();
        }
        return new SshException(where + ": cannot connect: " + why, e);
    }

    @Override
    public ExecResult run(RemoteCommand command) {
        List<String> secrets = new ArrayList<>(command.secrets());
        secrets.addAll(sudoSecrets());
        Instant start = clock.instant();
        try {
            RawResult raw = onceMoreIfDropped(command.idempotent(),
                    () -> exec(Sudo.wrap(command.text(), command.asRoot(), sudo, target), command.stdin(), command.timeout()));
            ExecResult result = new ExecResult(raw.exitStatus(), text(raw.stdout()), text(raw.stderr()),
                    Duration.between(start, clock.instant()));
            log.command(target.name(), command.text(), result, secrets);
            return result;
        } catch (ConnectionException | TransportException e) {
            throw new SshException(target.name() + ": the connection dropped while running a command: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SshException(target.name() + ": cannot run a command: " + e.getMessage(), e);
        }
    }

    private interface Exchange<T> {
        T run() throws IOException;
    }

    /**
     * Runs {@code exchange}; where it may run twice, a connection that dropped (or was found dead by
     * the keep-alive) is opened again and the exchange run once more. A host that cannot be reached
     * again fails the reconnection with the host named ({@link #open}).
     */
    private <T> T onceMoreIfDropped(boolean repeatable, Exchange<T> exchange) throws IOException {
        try {
            return exchange.run();
        } catch (ConnectionException | TransportException e) {
            if (!repeatable) {
                throw e;
            }
            log.note(target.name(), "connection dropped (" + e.getMessage() + "); reconnecting and running again");
            open();
            return exchange.run();
        }
    }

    /**
     * Never retried: what the command printed is already in {@code stdout}, so a second run would
     * append to half an output. A dropped connection fails it with the host named.
     */
    @Override
    public ExecResult stream(RemoteCommand command, OutputStream stdout) {
        Sudo.Wrapped wrapped = Sudo.wrap(command.text(), command.asRoot(), sudo, target);
        List<String> secrets = new ArrayList<>(command.secrets());
        secrets.addAll(sudoSecrets());
        Instant start = clock.instant();
        CountingStream counted = new CountingStream(stdout);
        try {
            RawResult raw = exec(wrapped, command.stdin(), command.timeout(), counted);
            ExecResult result = new ExecResult(raw.exitStatus(), "", text(raw.stderr()), Duration.between(start, clock.instant()));
            log.command(target.name(), command.text(), result, secrets);
            log.note(target.name(), "its output went to a file of this machine (" + counted.count + " bytes)");
            return result;
        } catch (ConnectionException | TransportException e) {
            throw new SshException(target.name() + ": the connection dropped while running a command: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new SshException(target.name() + ": cannot run a command into a file of this machine: " + e.getMessage(), e);
        }
    }

    /** The bytes that went through, for the run log. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream sink;
        private long count;

        CountingStream(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            sink.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            sink.write(bytes, offset, length);
            count += length;
        }
    }

    private record RawResult(int exitStatus, byte[] stdout, byte[] stderr) {
    }

    private RawResult exec(Sudo.Wrapped wrapped, Content stdin, Duration timeout) throws IOException {
        return exec(wrapped, stdin, timeout, null);
    }

    /**
     * Runs the command; the timeout counts from the end of its input, which may be a large file on a slow link.
     * Its output is kept in memory, or with {@code sink} copied there as it comes (a dump of any size).
     */
    private synchronized RawResult exec(Sudo.Wrapped wrapped, Content stdin, Duration timeout, OutputStream sink) throws IOException {
        try (Session session = startSession(); InputStream input = wrapped.stdin(stdin)) {
            Session.Command running = session.exec(wrapped.command());
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> sink == null ? drain(running.getInputStream())
                    : copy(running.getInputStream(), sink));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(running.getErrorStream()));
            sendInput(running, input);
            running.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Integer status = running.getExitStatus();
            if (status == null) {
                throw new SshException(target.name() + ": a command did not finish within " + timeout.toSeconds() + " s");
            }
            return new RawResult(status, joined(out), err.join());
        }
    }

    /** A copy into the local file that failed (a full disk) is this machine's failure, said as such. */
    private static byte[] joined(CompletableFuture<byte[]> out) throws IOException {
        try {
            return out.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    private static byte[] copy(InputStream stream, OutputStream sink) {
        try {
            stream.transferTo(sink);
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new channel; a transport that died under us counts as a dropped connection. */
    private Session startSession() throws IOException {
        try {
            if (client == null || !client.isConnected()) {
                throw new ConnectionException("not connected");
            }
            return client.startSession();
        } catch (IllegalStateException e) {
            throw new ConnectionException(e.getMessage());
        }
    }

    /**
     * Streams the command's standard input a chunk at a time and closes it. A command may end
     * without reading it all (and the channel closes under us): its exit status then tells what
     * happened, not this write. Reading this machine's side is another matter and fails the command.
     */
    private static void sendInput(Session.Command running, InputStream stdin) {
        OutputStream channel = running.getOutputStream();
        byte[] chunk = new byte[CHUNK_BYTES];
        try {
            for (int read = readLocal(stdin, chunk); read >= 0; read = readLocal(stdin, chunk)) {
                channel.write(chunk, 0, read);
            }
            // sshj's close() sends what it still buffers only as far as the remote window allows
            // (flush without waiting, then EOF: sshj 0.40 ChannelOutputStream.close): a slow reader's
            // full window lost the tail of a 200 MB dump. flush() waits for the window.
            channel.flush();
            channel.close();
        } catch (IOException e) {
            // see above: the exit status (or its absence) is the result
        }
    }

    private static int readLocal(InputStream stdin, byte[] chunk) {
        try {
            return stdin.read(chunk);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a command's input on this machine: " + e.getMessage(), e);
        }
    }

    private static byte[] drain(InputStream stream) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stream.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        try {
            RawResult raw = onceMoreIfDropped(true, () -> exec(Sudo.wrap(FileScripts.read(path), true, sudo, target), Content.NONE,
                    RemoteCommand.DEFAULT_TIMEOUT));
            log.note(target.name(), "read " + path + (raw.exitStatus() == 0 ? " (" + raw.stdout().length + " bytes)"
                    : raw.exitStatus() == FileScripts.ABSENT ? " (absent)" : " (failed, exit " + raw.exitStatus() + ")"));
            if (raw.exitStatus() == FileScripts.ABSENT) {
                return Optional.empty();
            }
            if (raw.exitStatus() != 0) {
                throw new SshException(target.name() + ": cannot read " + path + ": " + text(raw.stderr()).strip());
            }
            return Optional.of(raw.stdout());
        } catch (IOException e) {
            throw new SshException(target.name() + ": cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public UploadResult upload(String path, Content content, String mode, String owner) {
        String quoted = Shell.quote(path);
        String sha256 = content.sha256();
        String upload = "upload " + path + " (" + content.size() + " bytes, sha256 " + sha256 + ")";
        String wanted = Integer.toOctalString(Integer.parseInt(mode, 8)) + " " + owner + " " + sha256;
        // stat without -L: a link at the path never looks identical, and is then refused where links may not be.
        ExecResult current = run(RemoteCommand.asRoot("[ -f " + quoted + " ] && printf '%s ' \"$(stat -c '%a %U:%G' " + quoted
                + ")\" && sha256sum < " + quoted + " | cut -d' ' -f1"));
        if (current.ok() && current.stdout().strip().equals(wanted)) {
            log.note(target.name(), upload + ": already identical, not sent");
            return UploadResult.UNCHANGED;
        }
        log.note(target.name(), upload + ": sending");
        // Renamed only once its sha256 is the one sent: readers see the old file or the new one, never half
        // of one (a dropped connection ends the stream early, and cat exits 0).
        ExecResult written = run(RemoteCommand.asRoot(FileScripts.write(path, content.size(), sha256, mode, owner)).withStdin(content));
        if (!written.ok()) {
            throw new SshException(target.name() + ": cannot write " + path + ": " + written.stderr().strip());
        }
        return UploadResult.WRITTEN;
    }

    @Override
    public synchronized HeldCommand hold(RemoteCommand command) {
        Sudo.Wrapped wrapped = Sudo.wrap(command.text(), command.asRoot(), sudo, target);
        try {
            Session session = startSession();
            Session.Command running = session.exec(wrapped.command());
            try (InputStream input = wrapped.stdin(command.stdin())) {
                input.transferTo(running.getOutputStream());
                running.getOutputStream().flush();
            }
            log.note(target.name(), "holding, until the run ends: " + command.text());
            return new SshHeldCommand(target.name(), session, running, log);
        } catch (IOException e) {
            throw new SshException(target.name() + ": cannot start a command that runs as long as the session: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Tunnel tunnel(String host, int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            LocalPortForwarder forwarder = client.newLocalPortForwarder(
                    new Parameters("127.0.0.1", socket.getLocalPort(), host, port), socket);
            Thread listener = new Thread(() -> {
                try {
                    forwarder.listen();
                } catch (IOException e) {
                    // closing the tunnel closes its socket, which ends listen() this way
                }
            }, "k3j-tunnel-" + target.name());
            listener.setDaemon(true);
            listener.start();
            log.note(target.name(), "tunnel from 127.0.0.1:" + socket.getLocalPort() + " to " + host + ":" + port);
            return new Tunnel() {
                @Override
                public int localPort() {
                    return socket.getLocalPort();
                }

                @Override
                public void close() {
                    try {
                        forwarder.close();
                        socket.close();
                    } catch (IOException e) {
                        // nothing more to release
                    }
                }
            };
        } catch (IOException e) {
            throw new SshException(target.name() + ": cannot open a tunnel to " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        closeQuietly(client);
        closeQuietly(jump);
        client = null;
        jump = null;
    }

    private static void closeQuietly(SSHClient ssh) {
        if (ssh != null) {
            try {
                ssh.disconnect();
            } catch (IOException e) {
                // closing anyway: nothing left to do with a connection that will not close cleanly
            }
        }
    }
}
