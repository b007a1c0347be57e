package io.k3j.ssh;

/** A host key that is not trusted: unknown (with how to accept it) or changed (always refused). */
public final class HostKeyException extends SshException {
    private final String fingerprint;

    HostKeyException(String message, String fingerprint) {
        super(message);
        this.fingerprint = fingerprint;
    }

    /** The key's SHA256 fingerprint, as {@code ssh} prints it. */
    public String fingerprint() {
        return fingerprint;
    }
}
