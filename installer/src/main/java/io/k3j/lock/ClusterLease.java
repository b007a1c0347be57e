package io.k3j.lock;

import io.k3j.output.Output;
import io.k3j.output.Printable;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.HostKeyException;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.SshException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The apply's Lease in the cluster ({@link ApplyLease}), beside the host locks: taken through
 * {@code k3s kubectl} on a server as the other API calls are, renewed while the run goes on,
 * released at its end (also on Ctrl-C). The decisions are {@link LeaseDecision}'s; every write names
 * the resourceVersion read, so two runs taking one Lease at once cannot both win: the loser's write
 * is refused (409) and it reads again, finding the winner.
 */
public final class ClusterLease implements AutoCloseable {
    /** How often the holder renews: well inside any duration {@link #durationFor} gives. */
    static final Duration RENEW_EVERY = Duration.ofSeconds(30);
    /** How often a run that waits for another's Lease reads it again. */
    static final Duration ASK_EVERY = Duration.ofSeconds(2);
    private static final String WHAT = "the apply Lease " + ApplyLease.NAMESPACE + "/" + ApplyLease.NAME;
    private static final String READ = "k3s kubectl get lease " + ApplyLease.NAME + " -n " + ApplyLease.NAMESPACE
            + " --ignore-not-found -o json";
    // --validate=false: a kubectl that validates on the client asks for /openapi/v2 first, which adds nothing here
    private static final String CREATE = "k3s kubectl create --validate=false -o json -f -";
    private static final String REPLACE = "k3s kubectl replace --validate=false -o json -f -";

    /** Waits between two reads; tests pass one that moves their clock instead. */
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final RemoteHost server;
    private final String us;
    private final Duration duration;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Output output;
    private ApplyLease ours;
    private ScheduledExecutorService renewal;
    private Thread onShutdown;

    public ClusterLease(RemoteHost server, LockHolder holder, Duration duration, Clock clock, Sleeper sleeper, Output output) {
        this.server = server;
        this.us = ApplyLease.identity(holder);
        this.duration = duration;
        this.clock = clock;
        this.sleeper = sleeper;
        this.output = output;
    }

    /**
     * How long a renewal holds the Lease. Commands on one host run one at a time over its SSH
     * connection, so a renewal waits behind the longest command on the server (a wait of up to
     * {@code --ready-timeout}); the Lease must outlast that, and a minute more.
     */
    public static Duration durationFor(Duration readyLimit) {
        return readyLimit.plusSeconds(60).compareTo(Duration.ofSeconds(120)) < 0 ? Duration.ofSeconds(120) : readyLimit.plusSeconds(60);
    }

    /** Whether this run holds it. */
    public synchronized boolean held() {
        return ours != null;
    }

    /**
     * Takes the Lease if the cluster answers (false, nothing taken, when kubectl cannot read it:
     * no cluster yet, or its first server not serving); waits up to {@code wait} for another run's;
     * {@link LockTaken} when another run still holds it.
     */
    public boolean takeIfAnswering(Duration wait) throws InterruptedException {
        return take(wait, false);
    }

    /** Takes the Lease (the cluster must answer now: {@link LockTaken} naming kubectl's words if it does not). */
    public void take(Duration wait) throws InterruptedException {
        take(wait, true);
    }

    private synchronized boolean take(Duration wait, boolean mustAnswer) throws InterruptedException {
        if (ours != null) {
            return true;
        }
        Instant deadline = clock.instant().plus(wait);
        boolean said = false;
        while (true) {
            Read read = read();
            if (read.failure().isPresent()) {
                if (mustAnswer) {
                    throw LockTaken.failed(server.name(), server.name() + ": cannot read " + WHAT + ": " + read.failure().get());
                }
                output.detail(1, WHAT + " not taken yet: the cluster does not answer (" + read.failure().get() + ")");
                return false;
            }
            LeaseDecision decision = LeaseDecision.of(read.lease(), us, clock.instant());
            if (decision instanceof LeaseDecision.Held held) {
                if (!clock.instant().isBefore(deadline)) {
                    throw LockTaken.byAnotherRun(server.name(), server.name() + ": another run holds " + WHAT + (said ? " still, after "
                            + wait.toSeconds() + " s" : "") + ": " + describe(held.current()));
                }
                if (!said) {
                    String waiting = server.name() + ": waiting up to " + wait.toSeconds() + " s for " + WHAT + ", held by "
                            + describe(held.current());
                    output.warning(waiting);
                    output.event("lock-wait", "message", waiting);
                    said = true;
                }
                sleeper.sleep(ASK_EVERY);
                continue;
            }
            if (write(decision)) {
                holdFromNowOn();
                return true;
            }
            // another run wrote first: read again, and find it
        }
    }

    /** The Lease written as ours, as the decision says; false when another run's write came first (409). */
    private boolean write(LeaseDecision decision) {
        if (decision instanceof LeaseDecision.Ours mine) {
            ours = mine.current();
            return true;
        }
        Instant now = clock.instant();
        ExecResult written;
        if (decision instanceof LeaseDecision.Create) {
            written = kubectl(CREATE, LeaseJson.held(us, now, now, duration, 0, Optional.empty()));
        } else {
            ApplyLease found = decision instanceof LeaseDecision.Expired expired ? expired.current() : ((LeaseDecision.Take) decision).current();
            if (decision instanceof LeaseDecision.Expired) {
                String warning = server.name() + ": taking over " + WHAT + " from " + describe(found)
                        + ": not renewed in time, so its run is gone or stuck";
                output.warning(warning);
                output.event("lease-taken-over", "message", warning);
            }
            written = kubectl(REPLACE, LeaseJson.held(us, now, now, duration, found.transitions() + 1, Optional.of(found.resourceVersion())));
        }
        Optional<ApplyLease> lease = accepted(written, "take");
        lease.ifPresent(taken -> ours = taken);
        return lease.isPresent();
    }

    /** Renewed now at the version this run wrote last; a Lease another run took meanwhile is said and no longer renewed. */
    synchronized void renew() {
        if (ours == null) {
            return;
        }
        Instant now = clock.instant();
        try {
            ExecResult result = kubectl(REPLACE, LeaseJson.held(us, ours.acquired().orElse(now), now, duration, ours.transitions(),
                    Optional.of(ours.resourceVersion())));
            Optional<ApplyLease> renewed = accepted(result, "renew");
            if (renewed.isPresent()) {
                ours = renewed.get();
                return;
            }
            String lost = server.name() + ": " + WHAT + " is no longer this run's (another run took it over); the host locks still hold";
            output.warning(lost);
            ours = null;
        } catch (LockTaken | SshException e) {
            // the server busy restarting, or a dropped connection: the next renewal tries again, well within the duration
            output.detail(1, WHAT + " not renewed this time: " + e.getMessage());
        }
    }

    /** What a create or replace left: the Lease it wrote, or empty when another writer came first; any other failure a LockTaken. */
    private Optional<ApplyLease> accepted(ExecResult result, String doing) {
        if (result.ok()) {
            return Optional.of(ApplyLease.parse(result.stdout()).orElseThrow(() -> LockTaken.failed(server.name(), server.name()
                    + ": kubectl printed no Lease after it wrote " + WHAT + ": " + firstLine(result.stdout()))));
        }
        String words = result.stderr().strip();
        if (words.contains("(Conflict)") || words.contains("(AlreadyExists)")) {
            return Optional.empty();
        }
        throw LockTaken.failed(server.name(), server.name() + ": cannot " + doing + " " + WHAT + " (exit " + result.exitStatus() + "): "
                + words);
    }

    private record Read(Optional<ApplyLease> lease, Optional<String> failure) {
    }

    private Read read() {
        ExecResult result;
        try {
            result = server.run(RemoteCommand.asRoot(READ));
        } catch (HostKeyException e) {
            throw e;
        } catch (SshException e) {
            return new Read(Optional.empty(), Optional.of(Printable.of(e.getMessage())));
        }
        if (!result.ok()) {
            return new Read(Optional.empty(), Optional.of("k3s kubectl get lease failed (exit " + result.exitStatus() + "): "
                    + Printable.of(result.stderr().strip())));
        }
        if (result.stdout().isBlank()) {
            return new Read(Optional.empty(), Optional.empty());
        }
        Optional<ApplyLease> lease = ApplyLease.parse(result.stdout());
        return lease.isPresent() ? new Read(lease, Optional.empty())
                : new Read(Optional.empty(), Optional.of("k3s kubectl get lease printed no Lease: " + firstLine(result.stdout())));
    }

    private ExecResult kubectl(String command, String json) {
        try {
            return server.run(RemoteCommand.asRoot(command).withStdin(json.getBytes(StandardCharsets.UTF_8)));
        } catch (HostKeyException e) {
            throw e;
        } catch (SshException e) {
            throw LockTaken.failed(server.name(), e.getMessage() + " (while writing " + WHAT + ")");
        }
    }

    /** Renewed from now on, and released on Ctrl-C too (the JVM's shutdown hook; the SSH connection is still up then). */
    private void holdFromNowOn() {
        output.detail(1, WHAT + " taken on " + server.name() + " as '" + us + "' for " + duration.toSeconds() + " s, renewed every "
                + RENEW_EVERY.toSeconds() + " s");
        output.event("lease", "holder", us, "seconds", duration.toSeconds());
        renewal = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "k3j-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        renewal.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toSeconds(), RENEW_EVERY.toSeconds(), TimeUnit.SECONDS);
        onShutdown = new Thread(this::close, "k3j-lease-release");
        Runtime.getRuntime().addShutdownHook(onShutdown);
    }

    /** Renewal stopped, the Lease released (its holder cleared, at the version this run wrote last); never throws. */
    @Override
    public void close() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = renewal;
            renewal = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
        }
        release();
        Thread hook = onShutdown;
        onShutdown = null;
        if (hook != null && hook != Thread.currentThread()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs now, or has: it releases the same way
            }
        }
    }

    private synchronized void release() {
        if (ours == null) {
            return;
        }
        ApplyLease mine = ours;
        ours = null;
        try {
            if (accepted(kubectl(REPLACE, LeaseJson.released(mine, clock.instant())), "release").isEmpty()) {
                output.detail(1, WHAT + " was taken over before this run released it: left to its new holder");
            }
        } catch (LockTaken | SshException e) {
            output.warning(WHAT + " could not be released (" + e.getMessage() + "); it lapses by itself at "
                    + mine.renewed().orElse(clock.instant()).plus(duration));
        }
    }

    /** For a message: "alice@ops.example.com 4242, taken 2026-12-02T14:05:00Z, renewed 2026-12-02T14:06:00Z, held until 2026-12-02T14:12:00Z". */
    static String describe(ApplyLease lease) {
        return "'" + firstLine(lease.holder()) + "'" + lease.acquired().map(at -> ", taken " + at).orElse("")
                + lease.renewed().map(at -> ", renewed " + at).orElse("")
                + lease.expires().map(until -> ", held until " + until + " unless renewed").orElse("");
    }

    private static String firstLine(String text) {
        String line = Printable.of(text.strip().lines().findFirst().orElse("(nothing)"));
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
