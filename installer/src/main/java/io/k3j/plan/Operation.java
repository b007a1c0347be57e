package io.k3j.plan;

import io.k3j.inventory.Datastore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What an {@link Action} does on its host, with everything it needs, in a form apply carries out
 * (or, in a dry run, only reads for). Every operation is idempotent: run again on a host that
 * already has what it makes, it changes nothing. Where what it changes depends on what the host has
 * now, the operation says so itself ({@link Packages#missing}, {@link WriteFile#against},
 * {@link Services#restartReason}), so an apply and a plan decide the same way.
 */
public sealed interface Operation {

    /** Debian/Ubuntu packages, installed with apt-get only when missing. */
    record Packages(List<String> names) implements Operation {

        /** The packages to install, given which the host has. */
        public List<String> missing(Predicate<String> installed) {
            return names.stream().filter(installed.negate()).toList();
        }
    }

    /**
     * A shell script run as root ({@code sh -s}, the script on standard input) that installs
     * {@code installs} (such as "k3s v1.31.4+k3s1"). It says it changed something by printing a
     * line {@value #CHANGED}; otherwise it counts as unchanged. {@code probe} changes nothing: it
     * prints that line when {@code text} would change something (a dry run). {@code rerun} is what
     * the operator runs again once the cause of a failure is fixed ("apply again").
     */
    record Script(String installs, String text, String probe, String rerun) implements Operation {
        public static final String CHANGED = "k3j: changed";

        /** A script of an apply: after a failure, the operator applies again. */
        public Script(String installs, String text, String probe) {
            this(installs, text, probe, "apply again");
        }
    }

    /**
     * A script run again only when what it depends on changed: the host's files written before it
     * in the same step, and its own text. A stamp on the host remembers what it last ran with.
     */
    record RunOnChange(String name, String text) implements Operation {
    }

    /**
     * A file written whole. With {@code restarts} false it is not among what the services after it
     * started with: K3s' node labels and taints, which it reads only when a node registers (taints)
     * or merges in at start (labels), so a change to them is made through the API ({@link NodeLabels})
     * and restarts nothing; the file still gives a node registering anew the inventory's.
     */
    record WriteFile(ManagedFile file, boolean restarts) implements Operation {

        public WriteFile(ManagedFile file) {
            this(file, true);
        }

        /** How the host's file ({@code now}, empty when there is none) compares with this one's content. */
        public FileChange against(Optional<String> now) {
            return now.map(content -> content.equals(file.content()) ? FileChange.UNCHANGED : FileChange.CHANGED)
                    .orElse(FileChange.NEW);
        }
    }

    /** A marked block of lines kept in a file that is otherwise left alone (pg_hba.conf). */
    record KeepBlock(ManagedFile file) implements Operation {

        /** How the host's file ({@code now}) compares: unchanged when it already holds the block as it is. */
        public FileChange against(Optional<String> now) {
            if (now.isEmpty()) {
                return FileChange.NEW;
            }
            return ManagedBlock.in(now.get(), file.content()).filter(file.content()::equals).isPresent()
                    ? FileChange.UNCHANGED : FileChange.CHANGED;
        }

        /** The block as it stands in the host's file now: the old side of a diff. */
        public String current(Optional<String> now) {
            return now.flatMap(content -> ManagedBlock.in(content, file.content())).orElse("");
        }
    }

    /** A file from the operator's machine copied to the host (air-gap install). */
    record CopyFromOperator(Path local, String remote, String mode) implements Operation {
    }

    /** A systemd unit stopped and disabled, when it is enabled or running (a package's own unit in the way). */
    record DisableUnit(String unit) implements Operation {
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

        /** The name of the stamp that holds what the units last started with. */
        public String stamp() {
            return "services-" + String.join("-", units);
        }

        /**
         * Why the units (re)start, given whether they run, whether their stamp matches what they would
         * start with now, and what this step changes before them; empty when they are left alone.
         */
        public Optional<String> restartReason(boolean running, boolean stampMatches, List<String> changedBefore) {
            if (!running) {
                return Optional.of("not running");
            }
            if (stampMatches) {
                return Optional.empty();
            }
            return Optional.of(changedBefore.isEmpty()
                    ? "its last start with this configuration was not recorded (an apply stopped before it was ready)"
                    : String.join(", ", changedBefore) + " changed");
        }
    }

    /**
     * The cluster's server token moved to {@code newPassword} while the servers run with the old one
     * (docs.k3s.io cli/token "Rotating the server token"): the request {@code k3s token rotate}
     * sends, {@code PUT /v1-k3s/token} to the host's own supervisor as {@code server:<old password>}
     * (pkg/cli/token/token.go Rotate), the old password read from {@code tokenFile}. K3s then
     * re-encrypts the bootstrap data with the new token and rewrites that file; the servers restart
     * with the new token after it. Needed only while the file holds another password, so a rotation
     * an apply already made is not made again.
     */
    record RotateServerToken(String tokenFile, String newPassword) implements Operation {

        /** Whether the host's token file ({@code now}, K3s' secure form or a bare password) still holds another password. */
        public boolean needed(Optional<String> now) {
            return now.map(String::strip).map(K3sToken::passwordOf).filter(password -> !password.equals(newPassword)).isPresent();
        }

        @Override
        public String toString() {
            return "RotateServerToken[tokenFile=" + tokenFile + ", newPassword=(secret)]";
        }
    }

    /**
     * The host's node cordoned (through the API, from the first server) when its kubelet is not at
     * {@code version} yet: a rolling upgrade takes it out of scheduling first. The node is marked
     * with {@value #MARK} so that the next apply knows k3j-install cordoned it; a node someone
     * else cordoned is left as it is.
     */
    record Cordon(String version) implements Operation {
        public static final String MARK = "k3j.io/cordoned-for-upgrade";
    }

    /**
     * The host's node drained ({@code kubectl drain --ignore-daemonsets --delete-emptydir-data}
     * with {@code timeout}) when its kubelet is not at {@code version} yet; a refused eviction
     * (a PodDisruptionBudget) fails the step naming the pod.
     */
    record Drain(String version, Duration timeout) implements Operation {
    }

    /** The host's node uncordoned when k3j-install cordoned it ({@link Cordon#MARK}), and the mark removed. */
    record Uncordon() implements Operation {
    }

    /**
     * The labels and taints k3j-install manages on node {@code node}, made the inventory's through the
     * API with kubectl on {@code from} (the first server): added, changed and removed, and recorded
     * on the node ({@link NodeLabelsDiff}); no unit restarts. What others set is left alone.
     */
    record NodeLabels(String node, Map<String, String> labels, List<String> taints, String from) implements Operation {

        /** The edits that bring a node with these labels, taints and annotations to this one's. */
        public NodeLabelsDiff against(Map<String, String> now, List<String> taintsNow, Map<String, String> annotations) {
            return NodeLabelsDiff.between(labels, taints, now, taintsNow, annotations);
        }
    }

    /**
     * A change made through the cluster's API, with {@code k3s kubectl} on {@code from} (the first
     * server), for the node {@code node}: what removing a host does before and after its uninstall.
     */
    sealed interface OnCluster extends Operation {
        String from();

        String node();
    }

    /**
     * The node cordoned and drained within {@code timeout} (as an upgrade drains, {@link Drain}), whatever
     * its version. For a server, refused when the cluster would be left with fewer than two other Ready servers.
     */
    record DrainNode(String node, boolean server, String from, Duration timeout) implements OnCluster {
    }

    /** The node deleted ({@code kubectl delete node}); K3s deletes its node-password secret with it. */
    record DeleteNode(String node, String from) implements OnCluster {
    }

    /**
     * A change of a running etcd cluster's members, made with etcdctl on {@code via}: a member that
     * runs, asked on loopback (where k3j-etcd listens without TLS). Each first lists the members,
     * so a change made by an earlier run is not made again (etcd's runtime reconfiguration guide:
     * one member at a time, a new one added as a learner and promoted once it caught up).
     */
    sealed interface EtcdMembership extends Operation {
        String name();

        String peerUrl();

        String via();
    }

    /** The member added as a learner ({@code etcdctl member add --learner}): it does not count for the quorum until promoted. */
    record EtcdMemberAdd(String name, String peerUrl, String via) implements EtcdMembership {
    }

    /** The learner with {@code peerUrl} made a voting member, once it caught up with the leader. */
    record EtcdMemberPromote(String name, String peerUrl, String via) implements EtcdMembership {
    }

    /** The member with {@code peerUrl} removed from the cluster ({@code etcdctl member remove}). */
    record EtcdMemberRemove(String name, String peerUrl, String via) implements EtcdMembership {
    }

    /**
     * K3s taken off the host: {@code unit} stopped and disabled, then {@code script} (its uninstall
     * script, one of {@code scripts}, uploaded first: a host installed by an earlier version lacks them) run.
     */
    record Uninstall(String unit, String script, List<ManagedFile> scripts) implements Operation {
    }

    /**
     * k3j-install's files and folders taken off the host ({@code rm -rf}), those that are there; systemd
     * reloads its units when one of them was a unit file. A reset's, for what no uninstall script removes.
     */
    record RemovePaths(List<String> paths) implements Operation {
    }

    /**
     * k3j-install's marked block taken out of a file it does not own (pg_hba.conf), the rest of the file
     * kept as it is, with {@code file}'s mode and owner; {@code file}'s content is the block's first and
     * last line, its markers (see {@link ManagedBlock}). A reset's.
     */
    record RemoveBlock(ManagedFile file) implements Operation {
    }

    /**
     * Packages purged ({@code apt-get purge}), those of them still installed: a reset's, given only the
     * packages k3j-install's record says it installed ({@link PackageRecord}), never one that was there before.
     */
    record RemovePackages(List<String> names) implements Operation {
    }

    /**
     * The host's K3s certificates read with {@code k3s certificate check}, in a plan as in an apply: a
     * warning for each kind of trouble (within the renewal window of the host's K3s, expired, a CA
     * near its end), never a failure, never a change.
     */
    record ReadCertificates() implements Operation {
    }

    /**
     * The host's K3s certificates renewed now, then {@code ready} waited on. With {@code rotate} (a
     * server): {@code unit} stopped, {@code k3s certificate rotate} run (for {@code services} only,
     * when some are named), {@code unit} started again, which issues new certificates with new keys
     * (docs.k3s.io cli/certificate: "systemctl stop k3s; k3s certificate rotate; systemctl start
     * k3s"). Without (an agent): {@code unit} restarted, as an agent gets its certificates from the
     * servers at every start (pkg/agent/config/config.go). Never idempotent: it renews each time.
     */
    record RenewCertificates(String unit, boolean rotate, List<String> services, Readiness ready) implements Operation {
    }

    /** Something checked, not changed: apply fails the step when it does not hold. Each says what it checks, and against what. */
    sealed interface Check extends Operation {
    }

    /**
     * From the action's host, the datastore at {@code endpoint} accepts K3s' credentials (with its
     * TLS files) and kine may create its table.
     */
    record DatastoreLogin(String endpoint, Optional<Datastore.Tls> tls) implements Check {
        /** The endpoint holds the datastore's password. */
        @Override
        public String toString() {
            return "DatastoreLogin[endpoint=(secret), tls=" + tls + "]";
        }
    }

    /**
     * The agents' token the server wrote to {@code path}: K3s' secure form of the agent token it was
     * given ({@code ::node:} and {@code agentPassword}), never the server token. Read for the workers' step.
     */
    record AgentToken(String path, String agentPassword) implements Check {
        /** The password is the agent token's. */
        @Override
        public String toString() {
            return "AgentToken[path=" + path + ", agentPassword=(secret)]";
        }
    }

    /**
     * Checked from {@code from} (the first server): {@code url} answers K3s' {@code /ping} and
     * serves the same CA as K3s on {@code port} there.
     */
    record RegistrationAnswers(String url, int port, String from) implements Check {
    }

    /** Checked from {@code from} (the first server): {@code name} resolves to every one of {@code addresses} (the servers'). */
    record ResolvesTo(String name, List<String> addresses, String from) implements Check {
    }

    /**
     * Every server of this host's HAProxy back in rotation ({@code set server … state ready}) where it
     * is drained ({@code show servers state}): a run cut short between a server's drain and its return
     * left it so, and a running HAProxy keeps it (only a reload or restart starts from haproxy.cfg again).
     * A server not drained is left as it is.
     */
    record ServersInRotation(String backend, List<String> servers) implements Operation {
    }

    /** How a host's file compares with what apply would write. */
    enum FileChange { NEW, CHANGED, UNCHANGED }

    /** What apply waits on after starting services. */
    sealed interface Readiness {
    }

    /** systemd reports the unit active: for Type=notify units (K3s) that is READY=1. */
    record Active() implements Readiness {
    }

    /** Something listens on this TCP port on the host. */
    record Listening(int port) implements Readiness {
    }

    /**
     * A member of an etcd cluster of several. One that starts for the first time is waited on
     * until it listens on {@code peerPort}: the members of a new cluster serve only once a
     * majority runs (etcd's clustering guide), so none can wait alone for a leader. One that ran
     * is waited on after its restart until it answers healthy on {@code clientPort} (a leader, its
     * data caught up: {@link EtcdMember#HEALTHY}), so the next member restarts only while the
     * cluster keeps its quorum.
     */
    record EtcdMemberServing(int peerPort) implements Readiness {
    }

    /**
     * PostgreSQL on this port accepts connections ({@code pg_isready}): it listens while it still
     * starts up, answering {@code FATAL: the database system is starting up} until then.
     */
    record PostgresAccepting(int port) implements Readiness {
    }

    /**
     * The K3s node of this host is Ready, as the first server reports it, and its kubelet at
     * {@code version} when one is given (after an upgrade the node must be back on the new binary).
     */
    record NodeReady(Optional<String> version) implements Readiness {
        public NodeReady() {
            this(Optional.empty());
        }
    }

    /**
     * A K3s server serves again: systemd reports it active, its own API reports its node Ready with
     * the kubelet at {@code version}, and, when {@code registrationUrl} answered {@code /readyz}
     * before the restart, it answers again (a rolling upgrade goes on only while the cluster serves).
     * With {@code haproxy}, the server is out of that HAProxy while it restarts, and back once it serves.
     */
    record ServerServing(String version, String registrationUrl, Optional<InHaproxy> haproxy) implements Readiness {
        public ServerServing(String version, String registrationUrl) {
            this(version, registrationUrl, Optional.empty());
        }
    }

    /**
     * A K3s server's place in the HAProxy k3j-install runs on {@code hosts}: {@code server} of
     * {@code backend}. Before its K3s restarts it is drained on each (HAProxy sends it no new
     * connections) and given up to {@link #SESSIONS_LIMIT} for its sessions to end; K3s closes the
     * rest as it stops (long-lived ones, watches, which clients open again). Set ready once it serves.
     */
    record InHaproxy(String backend, String server, List<String> hosts) {
        public static final Duration SESSIONS_LIMIT = Duration.ofSeconds(5);
    }
}
