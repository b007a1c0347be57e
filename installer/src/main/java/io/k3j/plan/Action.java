package io.k3j.plan;

import java.util.Optional;

/**
 * One thing apply does on one host: install a package or binary, write a file, run a set-up
 * script, start or restart a service, or check something. {@code file} is set for writes,
 * {@code script} for what runs as a shell script on the host.
 */
public record Action(Kind kind, String description, Optional<ManagedFile> file, String script) {

    public enum Kind { INSTALL, WRITE, BLOCK, RUN, START, CHECK }

    /** Installs software; {@code script} (shell, may be empty) is what runs on the host. */
    public static Action install(String description, String script) {
        return new Action(Kind.INSTALL, description, Optional.empty(), script);
    }

    public static Action write(ManagedFile file) {
        return new Action(Kind.WRITE, "write " + file.path() + " (" + file.mode() + ")", Optional.of(file), "");
    }

    /** Keeps a marked block of lines in a file that is otherwise left alone (pg_hba.conf). */
    public static Action block(ManagedFile file) {
        return new Action(Kind.BLOCK, "keep the k3j-install block in " + file.path(), Optional.of(file), "");
    }

    public static Action run(String description, String script) {
        return new Action(Kind.RUN, description, Optional.empty(), script);
    }

    public static Action start(String description) {
        return new Action(Kind.START, description, Optional.empty(), "");
    }

    public static Action check(String description) {
        return new Action(Kind.CHECK, description, Optional.empty(), "");
    }
}
