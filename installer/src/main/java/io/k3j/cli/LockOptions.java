package io.k3j.cli;

import io.k3j.lock.LockHolder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The apply lock a command that changes the cluster takes on every host first ({@link ClusterChangeOptions}). */
public class LockOptions {

    @Option(names = "--wait-for-lock",
            description = "When another run holds the apply lock of a host (for apply: or the cluster's apply Lease, "
                    + "kube-system/k3j-apply), wait for it to end (up to --lock-timeout) instead of stopping at once with exit 4.")
    boolean waitForLock;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "1800",
            description = "With --wait-for-lock: how long to wait for another run's lock before stopping with exit 4 "
                    + "(default: ${DEFAULT-VALUE}).")
    long lockTimeout;

    /** How long to wait for a lock another run holds: not at all without --wait-for-lock. */
    Duration waitLimit() {
        return waitForLock ? Duration.ofSeconds(lockTimeout) : Duration.ZERO;
    }

    /** This run, as the other runs that find the lock taken are told: the user, this machine, this process, now. */
    static LockHolder holder(Environment environment, Clock clock) {
        String user = Stream.of(environment.get("USER"), environment.get("LOGNAME"), System.getProperty("user.name"))
                .filter(name -> name != null && !name.isBlank()).findFirst().orElse("unknown");
        return LockHolder.thisProcess(user, machine().or(() -> Optional.ofNullable(environment.get("HOSTNAME"))).orElse("unknown"),
                clock.instant());
    }

    private static Optional<String> machine() {
        try {
            return Optional.of(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
