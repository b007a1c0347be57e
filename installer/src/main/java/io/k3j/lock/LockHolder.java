package io.k3j.lock;

import io.k3j.output.Printable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Who holds a lock: the user, the machine, the process id and since when, kept on the host as one
 * line ({@link #line()}) and read back from it ({@link #parse}), which a host may have written anything into.
 */
public record LockHolder(String user, String machine, long pid, Instant since) {
    private static final int MOST_SHOWN = 200;

    public LockHolder {
        user = word(user);
        machine = word(machine);
    }

    /** This process, run by {@code user} on {@code machine}. */
    public static LockHolder thisProcess(String user, String machine, Instant now) {
        return new LockHolder(user, machine, ProcessHandle.current().pid(), now);
    }

    /** {@code user machine pid since}: no field holds a space. */
    public String line() {
        return user + " " + machine + " " + pid + " " + since;
    }

    /** As the lock's file says it; empty when it is not a line {@link #line()} wrote. */
    public static Optional<LockHolder> parse(String line) {
        String[] fields = line.strip().split(" ");
        if (fields.length != 4 || !fields[2].matches("[0-9]{1,10}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LockHolder(fields[0], fields[1], Long.parseLong(fields[2]), Instant.parse(fields[3])));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** For an error: "alice on ops.example.com (pid 4242) since 2026-12-02T14:05:00Z". */
    public String describe() {
        return user + " on " + machine + " (pid " + pid + ") since " + since;
    }

    /** The holder a host's lock file names, described; what no run of ours wrote is shown as it is, made printable and cut. */
    public static String describe(String line) {
        if (line.isBlank()) {
            return "a run that has not said who it is yet";
        }
        return parse(line).map(LockHolder::describe).orElseGet(() -> {
            String shown = Printable.of(line.strip());
            return "'" + (shown.length() > MOST_SHOWN ? shown.substring(0, MOST_SHOWN) + "…" : shown) + "'";
        });
    }

    /** A user or machine name as one word: anything but letters, digits and {@code . _ @ -} becomes {@code _}. */
    private static String word(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._@-]", "_");
        return cleaned.isEmpty() ? "unknown" : cleaned;
    }
}
