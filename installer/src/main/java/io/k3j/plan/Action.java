package io.k3j.plan;

import java.util.Optional;

/**
 * One thing apply does on one host: install a package or binary, write a file, run a set-up
 * script, start or restart a service, or check something. {@code file} is set for writes.
 */
public record Action(Kind kind, String description, Optional<ManagedFile> file) {

    public enum Kind { INSTALL, WRITE, RUN, START, CHECK }

    public static Action install(String description) {
        return new Action(Kind.INSTALL, description, Optional.empty());
    }

    public static Action write(ManagedFile file) {
        return new Action(Kind.WRITE, "write " + file.path() + " (" + file.mode() + ")", Optional.of(file));
    }

    public static Action run(String description) {
        return new Action(Kind.RUN, description, Optional.empty());
    }

    public static Action start(String description) {
        return new Action(Kind.START, description, Optional.empty());
    }

    public static Action check(String description) {
        return new Action(Kind.CHECK, description, Optional.empty());
    }
}
