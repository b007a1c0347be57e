package io.k3j.ssh;

/** A host could not be reached or a command could not be run; the message names the host and what to do. */
public class SshException extends RuntimeException {
    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
