package io.k3j.ssh;

import java.time.Duration;
import java.util.Optional;

/**
 * A command kept running on a channel of its own, its standard input held open: it lives until
 * {@link #close()} or until the SSH session ends, whichever comes first (a host lock held by a
 * process that dies with the session).
 */
public interface HeldCommand extends AutoCloseable {

    /**
     * The next line it printed, waiting at most {@code limit}; empty once it has ended or the limit
     * passed. A wait that is interrupted (Ctrl-C) throws, so it is never taken for the command's end.
     */
    Optional<String> nextLine(Duration limit) throws InterruptedException;

    /** Its exit status once it has ended. */
    Optional<Integer> exitStatus();

    /** Closes its input, so it ends, and waits a little for that; never throws. */
    @Override
    void close();
}
