package io.k3j.lock;

import io.k3j.ssh.HeldCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.SshException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The apply lock ({@link HostLock}) on every host a run will change, taken before it changes any
 * and released at its end. The hosts are locked in the order of their addresses, the first alone:
 * of two runs started together on one cluster, the one that gets the first host gets them all.
 */
public final class HostLocks implements AutoCloseable {
    /** A host's shell answers at once; this bounds the round trip of a slow link. */
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(60);

    private final List<HeldCommand> held;

    private HostLocks(List<HeldCommand> held) {
        this.held = held;
    }

    /**
     * Locks every host for {@code holder}, waiting up to {@code wait} for a lock another run holds
     * (zero: not at all), saying each wait to {@code waiting}; or releases what it took and throws
     * {@link LockTaken} naming the host and the holder; interrupted (Ctrl-C) while it waits, it
     * releases what it took and throws {@link InterruptedException} naming the host it waited on.
     */
    public static HostLocks take(Map<String, RemoteHost> hosts, LockHolder holder, Duration wait, Consumer<String> waiting)
            throws InterruptedException {
        List<String> order = hosts.keySet().stream().sorted().toList();
        List<HeldCommand> held = new ArrayList<>();
        try {
            if (!order.isEmpty()) {
                String first = order.get(0);
                held.add(await(first, start(first, hosts.get(first), holder, wait), wait, waiting));
            }
            // the others at once: every command is started before any answer is read
            Map<String, HeldCommand> started = new LinkedHashMap<>();
            for (String address : order.subList(Math.min(1, order.size()), order.size())) {
                HeldCommand command = start(address, hosts.get(address), holder, wait);
                started.put(address, command);
                held.add(command);
            }
            for (Map.Entry<String, HeldCommand> command : started.entrySet()) {
                await(command.getKey(), command.getValue(), wait, waiting);
            }
            return new HostLocks(held);
        } catch (RuntimeException | InterruptedException e) {
            held.forEach(HeldCommand::close);
            throw e;
        }
    }

    /** The lock's command started; a connection that fails it is said as the lock not taken (the command ends, exit 4). */
    private static HeldCommand start(String address, RemoteHost host, LockHolder holder, Duration wait) {
        try {
            return host.hold(HostLock.command(holder, wait));
        } catch (SshException e) {
            throw LockTaken.failed(address, e.getMessage() + " (while taking the apply lock)");
        }
    }

    private static HeldCommand await(String address, HeldCommand command, Duration wait, Consumer<String> waiting)
            throws InterruptedException {
        try {
            HostLock.Answer answer = answer(command, ANSWER_WAIT);
            if (answer instanceof HostLock.HeldBy heldBy) {
                if (wait.isZero()) {
                    throw LockTaken.byAnotherRun(address, address + ": another run holds the apply lock: " + heldBy.holder());
                }
                waiting.accept(address + ": waiting up to " + wait.toSeconds() + " s for the apply lock, held by " + heldBy.holder());
                answer = answer(command, wait.plus(ANSWER_WAIT));
                if (!(answer instanceof HostLock.Locked)) {
                    throw LockTaken.byAnotherRun(address, address + ": another run still holds the apply lock after " + wait.toSeconds()
                            + " s: " + heldBy.holder());
                }
            }
            if (answer instanceof HostLock.Other other) {
                throw LockTaken.failed(address, address + ": cannot take the apply lock (flock on " + HostLock.LOCK_FILE + "): "
                        + other.text());
            }
            return command;
        } catch (InterruptedException e) {
            command.close();
            throw (InterruptedException) new InterruptedException("interrupted while taking the apply lock on " + address).initCause(e);
        } catch (RuntimeException e) {
            command.close();
            throw e;
        }
    }

    /** The command's next line read, or what its end says; a silent end is an answer too (an {@link HostLock.Other}). */
    private static HostLock.Answer answer(HeldCommand command, Duration limit) throws InterruptedException {
        Optional<String> line = command.nextLine(limit);
        if (line.isPresent()) {
            return HostLock.read(line.get());
        }
        return new HostLock.Other(command.exitStatus().map(status -> status == HostLock.BUSY ? "the lock is taken"
                : "its shell ended with exit " + status + " without a word").orElse("no answer within " + limit.toSeconds() + " s"));
    }

    /** Each host's lock released: its holding shell's input closed, so it removes the holder's file and ends. */
    @Override
    public void close() {
        held.forEach(HeldCommand::close);
    }
}
