package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.ssh.HostKeyPolicy;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.RunLog;
import io.k3j.ssh.SshHost;
import java.time.Clock;

/**
 * Makes the connection to one inventory host. A run connects over SSH ({@link #overSsh}); a unit
 * test hands in fake hosts, so a whole apply runs without a network.
 */
@FunctionalInterface
public interface HostConnector {

    /** The host, connected; throws (naming the host and what to do) when it cannot be reached or used. */
    RemoteHost connect(Host host);

    /** Over SSH, each host as {@code targets} says how to reach it, its key checked by {@code hostKeys}. */
    static HostConnector overSsh(Targets targets, HostKeyPolicy hostKeys, RunLog log, Clock clock) {
        return host -> SshHost.connect(targets.of(host), hostKeys, log, clock);
    }
}
