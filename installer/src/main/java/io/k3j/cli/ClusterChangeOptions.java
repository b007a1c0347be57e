package io.k3j.cli;

import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a command that changes the cluster waits for: the software it starts to be ready, and
 * another run's apply lock. Apply, restore, certificates rotate and reset have it.
 */
public class ClusterChangeOptions {

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for software to become ready on a host (K3s, a node, a datastore) "
                    + "before failing (default: ${DEFAULT-VALUE}).")
    long readyTimeout;

    @Mixin
    LockOptions lock;

    Duration readyLimit() {
        return Duration.ofSeconds(readyTimeout);
    }

    LockOptions lock() {
        return lock;
    }
}
