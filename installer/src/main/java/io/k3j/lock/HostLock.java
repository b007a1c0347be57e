package io.k3j.lock;

import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.Shell;
import java.time.Duration;

/**
 * The apply lock of one host, as k0sctl locks its hosts but bound to the SSH session: a shell of
 * this run's session holds {@code flock} on {@value #LOCK_FILE} while its input stays open, so the
 * lock ends with the run however it ends (its input closed, the connection dropped, the process
 * killed), and the kernel frees it: no lock outlives its holder. The lock file itself names the
 * holder for the runs that find it taken, and is emptied when the lock is released.
 */
public final class HostLock {
    static final String FOLDER = "/run/k3j";
    public static final String LOCK_FILE = lockFile(FOLDER);
    /** The shell's exit status when another run holds the lock (EX_TEMPFAIL: try again later). */
    static final int BUSY = 75;
    /** The guard is held only while a run writes or reads a name: this bounds a host too slow to do that. */
    private static final int GUARD_WAIT_SECONDS = 10;

    private HostLock() {
    }

    /** The command that takes the lock for {@code holder} and holds it, waiting up to {@code wait} for another run's. */
    public static RemoteCommand command(LockHolder holder, Duration wait) {
        return RemoteCommand.asRoot("sh -c " + Shell.quote(script(FOLDER)) + " k3j-lock " + Shell.quote(holder.line()) + " "
                + wait.toSeconds()).notIdempotent();
    }

    /**
     * The lock's script for the lock file in {@code folder}. $1 the holder's line, $2 how many seconds
     * to wait for a lock another run holds (0: none). Prints "held HOLDER" when it finds the lock
     * taken, "locked" once it holds it; then it waits on its input (cat) and empties the lock file.
     * Errors go to the same output, as lines.
     *
     * <p>A second lock, the guard (flock on the folder), makes taking the lock and writing the
     * holder's name into the lock file one step for the other runs: a run that finds the lock taken
     * under the guard reads a whole name at once. Only a run that got the lock by waiting for it
     * takes the guard after the lock, so for that moment another finds the file empty ("has not said
     * who it is yet").
     */
    static String script(String folder) {
        String guard = "flock -w " + GUARD_WAIT_SECONDS + " 8 || { echo \"the guard of the apply lock (flock on $d) stayed taken "
                + GUARD_WAIT_SECONDS + " s\"; exit 1; }";
        return String.join("\n",
                "exec 2>&1",
                "d=" + Shell.quote(folder) + " f=" + Shell.quote(lockFile(folder)),
                "mkdir -p \"$d\" && exec 8<\"$d\" 9>>\"$f\" || exit 1",
                guard,
                "if ! flock -n 9; then",
                "  printf 'held %s\\n' \"$(head -n 1 \"$f\" | head -c 300)\"",
                "  flock -u 8",
                "  if [ \"$2\" -eq 0 ] || ! flock -w \"$2\" 9; then exit " + BUSY + "; fi",
                "  " + guard,
                "fi",
                "printf '%s\\n' \"$1\" > \"$f\" || exit 1",
                "flock -u 8",
                "echo locked",
                "cat > /dev/null",
                // emptied while the lock is still held: a run that waited for it names itself only once it has it,
                // and one that looks in between must read no name rather than this run's
                "flock -w " + GUARD_WAIT_SECONDS + " 8 && : > \"$f\"");
    }

    static String lockFile(String folder) {
        return folder + "/apply.lock";
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
