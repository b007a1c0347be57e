package io.k3j.lock;

import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * Whether the run a host's lock file names is gone (pure): a run of this machine whose process is no
 * longer alive here. Its lock can outlive it when its connection was cut: sshd never hears the client
 * end (no ClientAliveInterval by default), so the shell holding the flock stays. A run of another
 * machine, or one whose process lives, is never judged gone: this machine cannot know.
 */
public final class StaleHolder {
    private StaleHolder() {
    }

    /** The holder {@code line} names, when it is gone; empty when it may still be at work (or the line names nobody we can judge). */
    static Optional<LockHolder> of(String line, String thisMachine, LongPredicate aliveHere) {
        return LockHolder.parse(line).filter(holder -> holder.machine().equals(thisMachine) && !aliveHere.test(holder.pid()));
    }

    /** Whether {@code pid} is a live process of this machine. */
    static boolean aliveHere(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
