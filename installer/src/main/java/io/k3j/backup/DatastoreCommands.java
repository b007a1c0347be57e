package io.k3j.backup;

import io.k3j.inventory.Datastore;
import io.k3j.plan.EtcdMember;
import io.k3j.plan.Paths;
import io.k3j.ssh.Shell;
import java.util.List;

/**
 * The commands that dump and load a datastore k3j-install provisioned, run as root on its host.
 * None needs a password: PostgreSQL's tools run as {@code postgres} over the local socket (peer
 * authentication), MariaDB's as root over its socket ({@code unix_socket}), and etcdctl reaches the
 * member on loopback, where k3j-etcd also listens without TLS. Every value goes in through
 * {@link Shell#quote}.
 */
public final class DatastoreCommands {
    static final String ETCD_LOOPBACK = "http://127.0.0.1:" + Datastore.Type.etcd.defaultPort();
    /** Where a snapshot to restore is put on the etcd host: a folder only root may enter. */
    static final String ETCD_SNAPSHOT_UPLOAD = Paths.SETUP_SCRIPTS + "/restore-snapshot.db";

    private DatastoreCommands() {
    }

    /** The file name of a dump of this type in a backup: what it holds, by its extension. */
    public static String dumpFile(Datastore.Type type) {
        return switch (type) {
            case postgres -> "datastore.pgdump";
            case mysql -> "datastore.sql";
            case etcd -> "datastore.etcd-snapshot";
        };
    }

    /** What the dump command is, for messages. */
    public static String dumpTool(Datastore.Type type) {
        return switch (type) {
            case postgres -> "pg_dump --format=custom";
            case mysql -> "mysqldump --single-transaction";
            case etcd -> "etcdctl snapshot save";
        };
    }

    /** The command that prints the whole dump on its standard output (and only there). */
    public static String dump(Datastore.Type type, Datastore.Provision provision) {
        return switch (type) {
            // --compress=1: zlib's fastest level, against its default 11.5 times less CPU for a file 15% larger (docs/operations.md).
            case postgres -> "runuser -u postgres -- pg_dump --format=custom --compress=1 --dbname=" + Shell.quote(provision.database());
            // --hex-blob: kine's values are binary (protobuf on K3s), kept exact whatever the connection's character set.
            case mysql -> "mysqldump --user=root --single-transaction --hex-blob --default-character-set=utf8mb4 --add-drop-table "
                    + Shell.quote(provision.database());
            case etcd -> etcdSnapshot("--endpoints=" + ETCD_LOOPBACK);
        };
    }

    /**
     * An etcd snapshot taken with etcdctl's {@code clientFlags} (the member, TLS files), printed on
     * standard output. etcdctl writes a snapshot to a file only (it renames a .part file into place):
     * a folder of root's own, removed whatever happens; etcdctl's own lines go to standard error.
     */
    static String etcdSnapshot(String clientFlags) {
        return "d=$(mktemp -d) && trap 'rm -rf \"$d\"' EXIT && etcdctl " + clientFlags
                + " snapshot save \"$d/snapshot.db\" >&2 && cat \"$d/snapshot.db\"";
    }

    /**
     * For PostgreSQL and MariaDB: the command that drops what the dump holds and loads it, reading the
     * dump on its standard input.
     */
    public static String load(Datastore.Type type, Datastore.Provision provision) {
        return switch (type) {
            case postgres -> "runuser -u postgres -- pg_restore --clean --if-exists --single-transaction --exit-on-error --dbname="
                    + Shell.quote(provision.database());
            case mysql -> "mysql --user=root --default-character-set=utf8mb4 " + Shell.quote(provision.database());
            case etcd -> throw new IllegalArgumentException("etcd is restored from a file on its host: see etcdRestore");
        };
    }

    /**
     * etcd: the snapshot uploaded to {@link #ETCD_SNAPSHOT_UPLOAD} restored into a fresh data
     * folder (with the member's name and peer URL, and every member's, as k3j-etcd's config has
     * them), then swapped in for the old one while k3j-etcd is stopped, the old one kept as
     * {@link Paths#ETCD_BEFORE_RESTORE}. The members of a cluster are each restored from the same
     * snapshot with the same member list and token, so they make one new cluster (etcd's disaster
     * recovery guide); each starts without waiting, as a member serves only once a majority runs.
     */
    public static String etcdRestore(EtcdMember member, List<EtcdMember> members, String clusterToken) {
        String snapshot = Shell.quote(ETCD_SNAPSHOT_UPLOAD);
        String restoring = Shell.quote(Paths.ETCD_RESTORING);
        String data = Shell.quote(Paths.ETCD_DATA);
        String before = Shell.quote(Paths.ETCD_BEFORE_RESTORE);
        boolean clustered = members.size() > 1;
        return "set -e\n"
                + "rm -rf " + restoring + "\n"
                + "etcdctl snapshot restore " + snapshot + " --name " + Shell.quote(member.name()) + " --initial-cluster "
                + Shell.quote(EtcdMember.initialCluster(members)) + " --initial-advertise-peer-urls " + Shell.quote(member.peerUrl())
                + (clustered ? " --initial-cluster-token " + Shell.quote(clusterToken) : "")
                + " --data-dir " + restoring + " >&2\n"
                + "chown -R etcd:etcd " + restoring + "\n"
                + "chmod 0700 " + restoring + "\n"
                + "systemctl stop k3j-etcd\n"
                + "rm -rf " + before + "\n"
                + "if [ -e " + data + " ]; then mv " + data + " " + before + "; fi\n"
                + "mv " + restoring + " " + data + "\n"
                + "rm -f " + snapshot + "\n"
                + (clustered ? "systemctl start --no-block k3j-etcd\n" : "systemctl start k3j-etcd\n");
    }
}
