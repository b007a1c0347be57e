package io.k3j.lock;

import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.Shell;
import java.time.Duration;

/**
 * The apply lock of one host, as k0sctl locks its hosts but bound to the SSH session: a shell of
 * this run's session holds {@code flock} on {@value #LOCK_FILE} while its input stays open, so the
 * lock ends with the run however it ends (its input closed, the connection dropped, the process
 * killed), and the kernel frees it: no lock outlives its holder. {@value #HOLDER_FILE} names the
 * holder for the runs that find it taken, and goes when the lock is released.
 */
public final class HostLock {
    public static final String LOCK_FILE = "/run/k3j/apply.lock";
    public static final String HOLDER_FILE = "/run/k3j/apply.holder";
    /** The shell's exit status when another run holds the lock (EX_TEMPFAIL: try again later). */
    static final int BUSY = 75;

    /**
     * $1 the holder's line, $2 how many seconds to wait for a lock another run holds (0: none).
     * Prints "held HOLDER" when it finds the lock taken, "locked" once it holds it; then it waits
     * on its input (cat) and removes the holder's file. Errors go to the same output, as lines.
     */
    private static final String SCRIPT = String.join("\n",
            "exec 2>&1",
            "mkdir -p /run/k3j && exec 9>>" + LOCK_FILE + " || exit 1",
            "if ! flock -n 9; then",
            // the holder writes its file right after it takes the lock: give it that moment, a second at most
            "  for i in 1 2 3 4 5 6 7 8 9 10; do [ -s " + HOLDER_FILE + " ] && break; sleep 0.1; done",
            "  printf 'held %s\\n' \"$(head -n 1 " + HOLDER_FILE + " 2>/dev/null | head -c 300)\"",
            "  if [ \"$2\" -eq 0 ] || ! flock -w \"$2\" 9; then exit " + BUSY + "; fi",
            "fi",
            "printf '%s\\n' \"$1\" > " + HOLDER_FILE + " || exit 1",
            "echo locked",
            "cat > /dev/null",
            "rm -f " + HOLDER_FILE);

    private HostLock() {
    }

    /** The command that takes the lock for {@code holder} and holds it, waiting up to {@code wait} for another run's. */
    public static RemoteCommand command(LockHolder holder, Duration wait) {
        return RemoteCommand.asRoot("sh -c " + Shell.quote(SCRIPT) + " k3j-lock " + Shell.quote(holder.line()) + " "
                + wait.toSeconds()).notIdempotent();
    }

    /** What a line of the lock's command says. */
    sealed interface Answer permits Locked, HeldBy, Other {
    }

    /** The lock is this run's. */
    record Locked() implements Answer {
    }

    /** Another run holds it: {@code holder} as its file says it. */
    record HeldBy(String holder) implements Answer {
    }

    /** Neither: an error of the host's shell, said as it is. */
    record Other(String text) implements Answer {
    }

    static Answer read(String line) {
        if (line.equals("locked")) {
            return new Locked();
        }
        if (line.startsWith("held ") || line.equals("held")) {
            return new HeldBy(LockHolder.describe(line.length() > 5 ? line.substring(5) : ""));
        }
        return new Other(line);
    }
}
