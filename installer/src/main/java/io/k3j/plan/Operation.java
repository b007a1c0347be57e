package io.k3j.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * What an {@link Action} does on its host, in a form apply can carry out. Every operation is
 * idempotent: run again on a host that already has what it makes, it changes nothing.
 */
public sealed interface Operation {

    /** Debian/Ubuntu packages, installed with apt-get only when missing. */
    record Packages(List<String> names) implements Operation {
    }

    /**
     * A shell script run as root ({@code sh -s}, the script on standard input). It says it changed
     * something by printing a line {@value #CHANGED}; otherwise it counts as unchanged.
     */
    record Script(String text) implements Operation {
        public static final String CHANGED = "k3j: changed";
    }

    /**
     * A script run again only when what it depends on changed: the host's files written before it
     * in the same step, and its own text. A stamp on the host remembers what it last ran with.
     */
    record RunOnChange(String name, String text) implements Operation {
    }

    record WriteFile(ManagedFile file) implements Operation {
    }

    /** A marked block of lines kept in a file that is otherwise left alone (pg_hba.conf). */
    record KeepBlock(ManagedFile file) implements Operation {
    }

    /** A file from the operator's machine copied to the host (air-gap install). */
    record CopyFromOperator(Path local, String remote, String mode) implements Operation {
    }

    /**
     * systemd units enabled and (re)started when the host's files of this step changed since they
     * last started, or when they are not running; then waited on until {@code ready} holds. With
     * {@code oneRestartAtATime}, hosts where they already run restart one after the other, each
     * ready before the next stops (K3s servers: the cluster keeps a serving server throughout).
     */
    record Services(List<String> units, Readiness ready, boolean oneRestartAtATime) implements Operation {
        public Services(List<String> units, Readiness ready) {
            this(units, ready, false);
        }
    }

    /** Something checked, not changed: apply fails the step when it does not hold. */
    record Check(CheckKind what) implements Operation {
    }

    /** What apply waits on after starting services. */
    sealed interface Readiness {
    }

    /** systemd reports the unit active: for Type=notify units (K3s) that is READY=1. */
    record Active() implements Readiness {
    }

    /** Something listens on this TCP port on the host. */
    record Listening(int port) implements Readiness {
    }

    /** The K3s node of this host is Ready, as a server reports it. */
    record NodeReady() implements Readiness {
    }

    enum CheckKind {
        /** From this server host, the datastore accepts K3s' credentials and kine may create its table. */
        DATASTORE,
        /** Read the agents' token ({@code server/agent-token}) from the first server. */
        CLUSTER_TOKEN,
        /** The registration address answers as K3s, with the cluster's CA. */
        REGISTRATION,
        /** The registration name resolves to every server's address. */
        DNS
    }
}
