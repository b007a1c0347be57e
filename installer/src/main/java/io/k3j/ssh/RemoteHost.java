package io.k3j.ssh;

import java.io.OutputStream;
import java.util.Optional;

/**
 * One host, connected once and reused for the whole run. The only way the rest of k3j-install
 * touches a host; implemented over SSH by {@link SshHost} and, in tests, by a fake.
 */
public interface RemoteHost extends AutoCloseable {

    String name();

    /** Runs the command; a non-zero exit is a result, not an exception. */
    ExecResult run(RemoteCommand command);

    /**
     * Runs the command with its standard output copied to {@code stdout} as it comes, never held
     * in memory (a datastore's dump); the result carries the exit status and standard error.
     */
    ExecResult stream(RemoteCommand command, OutputStream stdout);

    /** The file's content read as root, or empty when it does not exist. */
    Optional<byte[]> readFile(String path);

    /**
     * Writes the file as root: to a temporary file in the same folder, owner and mode set, then
     * renamed over the old one (atomic). An identical file (sha256, mode, owner) is left alone.
     * The content is streamed, so a local file of any size is never held in memory.
     */
    UploadResult upload(String path, Content content, String mode, String owner);

    /**
     * Starts the command on a channel of its own and keeps its standard input open after {@code
     * command}'s own input, so it runs until the returned command is closed or this connection ends.
     * Never retried: a dropped connection ends it, which is what it is for.
     */
    HeldCommand hold(RemoteCommand command);

    /** Forwards a loopback port of this machine to {@code host:port} as this host reaches it. */
    Tunnel tunnel(String host, int port);

    @Override
    void close();
}
