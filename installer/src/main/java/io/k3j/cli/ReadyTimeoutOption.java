package io.k3j.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a command that starts software on the hosts waits for it: shared by apply, restore and certificates rotate. */
public class ReadyTimeoutOption {

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for software to become ready on a host (K3s, a node, a datastore) "
                    + "before failing (default: ${DEFAULT-VALUE}).")
    long readyTimeout;

    Duration limit() {
        return Duration.ofSeconds(readyTimeout);
    }
}
