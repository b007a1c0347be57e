package io.k3j.lock;

import io.k3j.output.Printable;

/** A host's apply lock not taken: another run holds it (named), or the host could not take it (said why). */
public final class LockTaken extends RuntimeException {
    private final String host;
    private final boolean byAnotherRun;

    private LockTaken(String host, String message, boolean byAnotherRun) {
        super(Printable.of(message));
        this.host = host;
        this.byAnotherRun = byAnotherRun;
    }

    static LockTaken byAnotherRun(String host, String message) {
        return new LockTaken(host, message, true);
    }

    static LockTaken failed(String host, String message) {
        return new LockTaken(host, message, false);
    }

    public String host() {
        return host;
    }

    /** Whether another run holds it (then waiting helps), rather than the host failing to take it. */
    public boolean byAnotherRun() {
        return byAnotherRun;
    }
}
