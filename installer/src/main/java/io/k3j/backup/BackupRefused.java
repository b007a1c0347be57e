package io.k3j.backup;

/** A backup or restore that stopped before it changed anything, saying why and what to do. */
public final class BackupRefused extends RuntimeException {

    public BackupRefused(String message) {
        super(message);
    }
}
