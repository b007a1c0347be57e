package io.k3j.lock;

import io.k3j.ssh.ExecResult;
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
import java.util.function.LongPredicate;

/**
 * The apply lock ({@link HostLock}) on every host a run will change, taken before it changes any
 * and released at its end. The hosts are locked in the order of their addresses, the first alone:
 * of two runs started together on one cluster, the one that gets the first host gets them all. A
 * lock whose holder is a run of this machine that is gone ({@link StaleHolder}) is taken over, said.
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
     * (zero: not at all), saying each wait to {@code waiting} and each lock taken over from a run that
     * is gone to {@code takenOver}; or releases what it took and throws {@link LockTaken} naming the
     * host and the holder; interrupted (Ctrl-C) while it waits, it releases what it took and throws
     * {@link InterruptedException} naming the host it waited on.
     */
    public static HostLocks take(Map<String, RemoteHost> hosts, LockHolder holder, Duration wait, Consumer<String> waiting,
                                 Consumer<String> takenOver) throws InterruptedException {
        return take(hosts, holder, wait, waiting, takenOver, StaleHolder::aliveHere);
    }

    /** As above, with whether a pid lives on this machine asked of {@code aliveHere}. */
    static HostLocks take(Map<String, RemoteHost> hosts, LockHolder holder, Duration wait, Consumer<String> waiting,
                          Consumer<String> takenOver, LongPredicate aliveHere) throws InterruptedException {
        List<String> order = hosts.keySet().stream().sorted().toList();
        List<HeldCommand> held = new ArrayList<>();
        Taking taking = new Taking(holder, wait, waiting, takenOver, aliveHere);
        try {
            if (!order.isEmpty()) {
                String first = order.get(0);
                HeldCommand command = start(first, hosts.get(first), holder, wait);
                held.add(command);
                held.set(0, taking.await(first, hosts.get(first), command));
            }
            // the others at once: every command is started before any answer is read
            Map<String, HeldCommand> started = new LinkedHashMap<>();
            for (String address : order.subList(Math.min(1, order.size()), order.size())) {
                HeldCommand command = start(address, hosts.get(address), holder, wait);
                started.put(address, command);
                held.add(command);
            }
            for (Map.Entry<String, HeldCommand> command : started.entrySet()) {
                HeldCommand kept = taking.await(command.getKey(), hosts.get(command.getKey()), command.getValue());
                held.set(held.indexOf(command.getValue()), kept);
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

    /** One run's taking of the host locks: how long it waits, what it says, and how it judges a holder gone. */
    private record Taking(LockHolder us, Duration waitLimit, Consumer<String> waiting, Consumer<String> takenOver, LongPredicate aliveHere) {

        /** The lock's command that holds the lock once answered: {@code command}, or the one started anew after a takeover. */
        HeldCommand await(String address, RemoteHost host, HeldCommand command) throws InterruptedException {
            HeldCommand current = command;
            try {
                HostLock.Answer answer = answer(current, ANSWER_WAIT);
                if (answer instanceof HostLock.HeldBy heldBy) {
                    Optional<LockHolder> stale = StaleHolder.of(heldBy.line(), us.machine(), aliveHere);
                    if (stale.isPresent()) {
                        takeOver(address, host, stale.get());
                        // a lock command that waits gets the freed lock itself; one that does not wait has ended: started anew
                        if (waitLimit.isZero()) {
                            current.close();
                            current = start(address, host, us, waitLimit);
                        }
                        answer = answer(current, waitLimit.plus(ANSWER_WAIT));
                        if (answer instanceof HostLock.HeldBy another) {
                            throw LockTaken.byAnotherRun(address, address + ": another run took the apply lock as soon as it was taken "
                                    + "over: " + another.holder());
                        }
                    } else if (waitLimit.isZero()) {
                        throw LockTaken.byAnotherRun(address, address + ": another run holds the apply lock: " + heldBy.holder());
                    } else {
                        waiting.accept(address + ": waiting up to " + waitLimit.toSeconds() + " s for the apply lock, held by " + heldBy.holder());
                        answer = answer(current, waitLimit.plus(ANSWER_WAIT));
                        if (!(answer instanceof HostLock.Locked)) {
                            throw LockTaken.byAnotherRun(address, address + ": another run still holds the apply lock after "
                                    + waitLimit.toSeconds() + " s: " + heldBy.holder());
                        }
                    }
                }
                if (answer instanceof HostLock.Other other) {
                    throw LockTaken.failed(address, address + ": cannot take the apply lock (flock on " + HostLock.LOCK_FILE + "): "
                            + other.text());
                }
                return current;
            } catch (InterruptedException e) {
                current.close();
                throw (InterruptedException) new InterruptedException("interrupted while taking the apply lock on " + address).initCause(e);
            } catch (RuntimeException e) {
                current.close();
                throw e;
            }
        }

        /** The shells holding the lock for {@code stale} on the host ended, and said; a failure is a LockTaken saying what to do. */
        private void takeOver(String address, RemoteHost host, LockHolder stale) {
            String what = address + ": the apply lock is held by " + stale.describe() + ", a run of this machine that is gone (pid "
                    + stale.pid() + " is not alive here; its connection was cut, so sshd kept its shell)";
            ExecResult result;
            try {
                result = host.run(HostLock.takeOverCommand(stale));
            } catch (SshException e) {
                throw LockTaken.failed(address, what + "; taking it over failed: " + e.getMessage());
            }
            String said = result.stdout().strip();
            if (!result.ok() || !(said.startsWith("killed ") || said.equals("moved") || said.equals("free"))) {
                throw LockTaken.failed(address, what + "; taking it over failed (exit " + result.exitStatus() + "): " + said
                        + ". End the process holding " + HostLock.LOCK_FILE + " on " + address + " by hand (" + HostLock.BY_HAND + ")");
            }
            if (said.startsWith("killed ")) {
                takenOver.accept(what + "; taken over: killed pid " + said.substring("killed ".length()) + " on " + address
                        + ", which held it");
            }
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
