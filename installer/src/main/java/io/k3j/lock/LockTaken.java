package io.k3j.lock;

import io.k3j.output.Printable;

/** Another run holds a host's apply lock (or it could not be taken): the host, and who or what. */
public final class LockTaken extends RuntimeException {
    private final String host;

    LockTaken(String host, String message) {
        super(Printable.of(message));
        this.host = host;
    }

    public String host() {
        return host;
    }
}
