package io.k3j.ssh;

import java.time.Duration;

/** How a command ended on a host: exit status, output, and how long it took. */
public record ExecResult(int exitStatus, String stdout, String stderr, Duration took) {

    public boolean ok() {
        return exitStatus == 0;
    }
}
