package io.k3j.plan;

import java.util.Optional;

/**
 * One thing apply does on one host: install software, write a file, run a set-up script, start
 * services, or check something. {@code description} is what a person reads; {@code operation}
 * is what apply carries out.
 */
public record Action(Kind kind, String description, Operation operation) {

    public enum Kind { INSTALL, WRITE, BLOCK, RUN, ROTATE, START, CHECK, ROLLOUT, LABEL, REMOVE, MEMBERSHIP }

    public static Action install(String description, Operation operation) {
        return new Action(Kind.INSTALL, description, operation);
    }

    public static Action write(ManagedFile file) {
        return new Action(Kind.WRITE, "write " + file.path() + " (" + file.mode() + ")", new Operation.WriteFile(file));
    }

    /** Writes a file the services after it do not restart for (see {@link Operation.WriteFile}). */
    public static Action writeWithoutRestart(ManagedFile file, String why) {
        return new Action(Kind.WRITE, "write " + file.path() + " (" + file.mode() + "; " + why + ")",
                new Operation.WriteFile(file, false));
    }

    public static Action label(String description, Operation.NodeLabels labels) {
        return new Action(Kind.LABEL, description, labels);
    }

    /** Keeps a marked block of lines in a file that is otherwise left alone (pg_hba.conf). */
    public static Action block(ManagedFile file) {
        return new Action(Kind.BLOCK, "keep the k3j-install block in " + file.path(), new Operation.KeepBlock(file));
    }

    public static Action run(String description, Operation.RunOnChange script) {
        return new Action(Kind.RUN, description, script);
    }

    public static Action rotate(String description, Operation.RotateServerToken rotation) {
        return new Action(Kind.ROTATE, description, rotation);
    }

    public static Action rotate(String description, Operation.RenewCertificates renewal) {
        return new Action(Kind.ROTATE, description, renewal);
    }

    public static Action start(String description, Operation.Services services) {
        return new Action(Kind.START, description, services);
    }

    /** A node taken out of service for an upgrade and put back (cordon, drain, uncordon). */
    public static Action rollout(String description, Operation operation) {
        return new Action(Kind.ROLLOUT, description, operation);
    }

    /** A host taken out of the inventory: its node drained and deleted, K3s uninstalled. */
    public static Action remove(String description, Operation operation) {
        return new Action(Kind.REMOVE, description, operation);
    }

    /** A member added to, promoted in or removed from the running etcd cluster. */
    public static Action membership(String description, Operation.EtcdMembership change) {
        return new Action(Kind.MEMBERSHIP, description, change);
    }

    public static Action check(String description, Operation.Check check) {
        return new Action(Kind.CHECK, description, check);
    }

    /** Reads the host's K3s certificates and warns of those that need the operator (see {@link Operation.ReadCertificates}). */
    public static Action readCertificates(String description) {
        return new Action(Kind.CHECK, description, new Operation.ReadCertificates());
    }

    /** The file this action writes, if it writes one of k3j-install's files. */
    public Optional<ManagedFile> file() {
        if (operation instanceof Operation.WriteFile write) {
            return Optional.of(write.file());
        }
        return operation instanceof Operation.KeepBlock block ? Optional.of(block.file()) : Optional.empty();
    }
}
