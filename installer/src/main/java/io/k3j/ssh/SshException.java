package io.k3j.ssh;

import io.k3j.output.Printable;

/**
 * A host could not be reached or a command could not be run; the message names the host and what
 * to do. It may quote the host (sudo's or a command's errors), so it is kept {@link Printable}.
 */
public class SshException extends RuntimeException {
    public SshException(String message) {
        super(Printable.of(message));
    }

    public SshException(String message, Throwable cause) {
        super(Printable.of(message), cause);
    }
}
