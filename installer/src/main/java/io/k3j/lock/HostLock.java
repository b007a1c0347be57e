package io.k3j.lock;

import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.Shell;
import java.time.Duration;

/**
 * The apply lock of one host, as k0sctl locks its hosts but bound to the SSH session: a shell of
 * this run's session holds {@code flock} on {@value #LOCK_FILE} while its input stays open, so the
 * lock ends with the run however it ends (its input closed, the connection closed, the process
 * killed), and the kernel frees it. The lock file itself names the holder for the runs that find it
 * taken, and is emptied when the lock is released. A connection cut off the network is the
 * exception: sshd never hears it end, so the shell keeps the lock; the run of this machine that
 * finds such a holder gone ({@link StaleHolder}) ends that shell ({@link #takeOverCommand}).
 */
public final class HostLock {
    static final String FOLDER = "/run/k3j";
    public static final String LOCK_FILE = lockFile(FOLDER);
    /** How an operator ends by hand the run that holds a host's lock, on that host as root. */
    public static final String BY_HAND = "fuser -v " + LOCK_FILE + " lists the processes that have it open: kill that run's shell "
            + "(sh -c ... k3j-lock, its holder's line after it) and its cat";
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

    /**
     * The command that ends the shells holding the lock for {@code stale} (a run found gone), so that
     * a lock command can take it.
     */
    static RemoteCommand takeOverCommand(LockHolder stale) {
        return RemoteCommand.asRoot("sh -c " + Shell.quote(takeOverScript(FOLDER)) + " k3j-lock-takeover " + Shell.quote(stale.line()))
                .notIdempotent();
    }

    /**
     * The takeover's script for the lock file in {@code folder}; $1 the stale holder's line. Under the
     * guard, so no run takes the lock or names itself meanwhile: when the lock file still names $1, it
     * kills the processes whose open lock file holds the flock (their /proc/PID/fdinfo shows the lock on
     * the file's inode, and that descriptor is the lock file: the holder's shell and its cat; /proc/locks
     * names only the flock command that took it, long gone), waits up to the guard's bound for them
     * to be gone (a run waiting for the lock may take it at once), and prints "killed PID...". It prints "moved" when the file names
     * someone else now, and "free" when nobody holds it. Errors as lines, exit 1.
     */
    static String takeOverScript(String folder) {
        return String.join("\n",
                "exec 2>&1",
                "d=" + Shell.quote(folder) + " f=" + Shell.quote(lockFile(folder)),
                "exec 8<\"$d\" 9<\"$f\" || exit 1",
                "flock -w " + GUARD_WAIT_SECONDS + " 8 || { echo \"the guard of the apply lock (flock on $d) stayed taken "
                        + GUARD_WAIT_SECONDS + " s\"; exit 1; }",
                "[ \"$(head -n 1 \"$f\")\" = \"$1\" ] || { echo moved; exit 0; }",
                "flock -n 9 && { echo free; exit 0; }",
                "ino=$(stat -c %i \"$f\") || exit 1",
                "holders() {",
                "  for info in /proc/[0-9]*/fdinfo/[0-9]*; do",
                "    grep -qE \"^lock:.* FLOCK .* [0-9a-f]+:[0-9a-f]+:$ino \" \"$info\" 2>/dev/null || continue",
                "    p=${info%/fdinfo/*}",
                "    [ \"$(readlink \"$p/fd/${info##*/}\")\" = \"$f\" ] && echo \"${p#/proc/}\"",
                "  done | sort -u | tr '\\n' ' '",
                "}",
                "pids=$(holders)",
                "[ -n \"$pids\" ] || { echo \"no process shows the flock on $f (inode $ino)\"; exit 1; }",
                "kill -KILL $pids || exit 1",
                // a run waiting for the lock may take it at once: so the wait is for the killed ones to be gone, not for the lock
                "n=0",
                "while [ -n \"$(holders | tr ' ' '\\n' | grep -xF \"$(echo $pids | tr ' ' '\\n')\")\" ]; do",
                "  n=$((n + 1)); [ $n -le " + (GUARD_WAIT_SECONDS * 5) + " ] || { echo \"the killed $pids still held the lock after "
                        + GUARD_WAIT_SECONDS + " s\"; exit 1; }",
                "  sleep 0.2 2>/dev/null || sleep 1",
                "done",
                "echo killed $pids");
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

    /** Another run holds it: {@code line} as its file says it. */
    record HeldBy(String line) implements Answer {
        /** The holder, described for an error. */
        String holder() {
            return LockHolder.describe(line);
        }
    }

    /** Neither: an error of the host's shell, said as it is. */
    record Other(String text) implements Answer {
    }

    static Answer read(String line) {
        if (line.equals("locked")) {
            return new Locked();
        }
        if (line.startsWith("held ") || line.equals("held")) {
            return new HeldBy(line.length() > 5 ? line.substring(5) : "");
        }
        return new Other(line);
    }
}
