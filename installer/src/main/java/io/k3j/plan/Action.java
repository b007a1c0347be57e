package io.k3j.plan;

import java.util.Optional;

/**
 * One thing apply does on one host: install software, write a file, run a set-up script, start
 * services, or check something. {@code description} is what a person reads; {@code operation}
 * is what apply carries out.
 */
public record Action(Kind kind, String description, Operation operation) {

    public enum Kind { INSTALL, WRITE, BLOCK, RUN, START, CHECK, REMOVE }

    public static Action install(String description, Operation operation) {
        return new Action(Kind.INSTALL, description, operation);
    }

    public static Action write(ManagedFile file) {
        return new Action(Kind.WRITE, "write " + file.path() + " (" + file.mode() + ")", new Operation.WriteFile(file));
    }

    /** Keeps a marked block of lines in a file that is otherwise left alone (pg_hba.conf). */
    public static Action block(ManagedFile file) {
        return new Action(Kind.BLOCK, "keep the k3j-install block in " + file.path(), new Operation.KeepBlock(file));
    }

    public static Action run(String description, Operation.RunOnChange script) {
        return new Action(Kind.RUN, description, script);
    }

    public static Action start(String description, Operation.Services services) {
        return new Action(Kind.START, description, services);
    }

    public static Action remove(String description, Operation operation) {
        return new Action(Kind.REMOVE, description, operation);
    }

    public static Action check(String description, Operation.Check check) {
        return new Action(Kind.CHECK, description, check);
    }

    /** The file this action writes, if it writes one of k3j-install's files. */
    public Optional<ManagedFile> file() {
        if (operation instanceof Operation.WriteFile write) {
            return Optional.of(write.file());
        }
        return operation instanceof Operation.KeepBlock block ? Optional.of(block.file()) : Optional.empty();
    }
}
