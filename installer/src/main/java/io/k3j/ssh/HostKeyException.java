package io.k3j.ssh;

/** A host key that is not trusted: unknown (with how to accept it) or changed (always refused). */
public final class HostKeyException extends SshException {
    private final String fingerprint;
    private final boolean unknown;

    public HostKeyException(String message, String fingerprint, boolean unknown) {
        super(message);
        this.fingerprint = fingerprint;
        this.unknown = unknown;
    }

    /** The host's key is not in known_hosts yet (rather than changed, or not writable there). */
    public boolean unknown() {
        return unknown;
    }

    /** The key's SHA256 fingerprint, as {@code ssh} prints it. */
    public String fingerprint() {
        return fingerprint;
    }
}
