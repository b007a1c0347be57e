package io.k3j.backup;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.Node;
import io.k3j.apply.RemoteShell;
import io.k3j.apply.StepFailure;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.SecretResolver;
import io.k3j.plan.EtcdMember;
import io.k3j.plan.K3sToken;
import io.k3j.plan.Paths;
import io.k3j.plan.Step;
import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A backup restored onto the inventory's cluster (docs.k3s.io {@code datastore/backup-restore}):
 * every server stopped, the datastore dropped and loaded from the dump (or a provisioned etcd
 * restored into a fresh data folder and swapped in; an existing SQL datastore is loaded from the
 * first server, as K3s reaches it), the backup's token written into every server's
 * {@code config.yaml} and kept token, the servers started one at a time (each ready before the
 * next), then every node checked. Refused onto servers that run unless told to stop them.
 */
public final class ClusterRestore {
    private final Inventory inventory;
    private final SecretResolver secrets;
    private final ConnectedHosts hosts;
    private final Duration readyLimit;

    /** Every inventory host a node as the inventory says, waited on (ClusterApply's check). */
    @FunctionalInterface
    public interface NodeCheck {
        List<Node> await() throws InterruptedException;
    }

    public ClusterRestore(Inventory inventory, SecretResolver secrets, ConnectedHosts hosts, Duration readyLimit) {
        this.inventory = inventory;
        this.secrets = secrets;
        this.hosts = hosts;
        this.readyLimit = readyLimit;
    }

    /**
     * That the inventory's datastore can be restored by k3j-install: any it provisioned, and an
     * existing PostgreSQL or MySQL. An existing etcd cannot be, from a server: {@code etcdctl
     * snapshot restore} makes a new data folder for each member, on the members' own hosts.
     *
     * @throws BackupRefused for an existing etcd, saying how its own docs restore it
     */
    public static void requireRestorable(Inventory inventory) {
        if (inventory.datastore().provision().isEmpty() && inventory.datastore().type() == Datastore.Type.etcd) {
            throw new BackupRefused("the etcd of " + inventory.name() + " was not provisioned by k3j-install "
                    + "(spec.datastore.endpoint), and an etcd snapshot is restored on its members, not from a server: "
                    + "'etcdctl snapshot restore' makes a new data folder on each member's host (etcd docs, Operations guide, "
                    + "\"Disaster recovery\": restore every member from the one snapshot, then start them all). Stop every "
                    + "server (systemctl stop k3s), restore the backup's " + DatastoreCommands.dumpFile(Datastore.Type.etcd)
                    + " on the members that way, put the backup's token into each server's " + Paths.K3S_CONFIG
                    + " (token:) and " + Paths.SERVER_TOKEN + ", then start the servers one at a time; no host was touched");
        }
    }

    /** The servers whose K3s runs now. */
    public List<String> runningServers() {
        return inventory.servers().hosts().stream().map(Host::address)
                .filter(address -> RemoteShell.run(hosts.host(address), "systemctl is-active -q k3s").ok()).toList();
    }

    /**
     * Restores {@code backup}, already checked to fit the inventory; with {@code stopServers} false,
     * refused while a server runs.
     *
     * @return the nodes, each as the inventory says
     * @throws BackupRefused before any change: servers run, or the inventory's token is not the backup's
     * @throws StepFailure when a step fails on a host (the host and step named)
     */
    public List<Node> restore(BackupFolder backup, boolean stopServers, NodeCheck nodes) throws InterruptedException {
        backup.requireFits(inventory);
        String password = K3sToken.passwordOf(backup.token());
        hosts.runLog().addSecrets(List.of(backup.token(), password));
        inventory.k3s().token().ifPresent(given -> {
            throw new BackupRefused("the inventory gives spec.k3s.token, and a restore needs the backup's token (the datastore's "
                    + "bootstrap data is encrypted with it): remove spec.k3s.token (k3j-install then keeps the backup's token), or set "
                    + "it to the password of " + backup.directory().resolve(ClusterBackup.TOKEN_FILE) + " (after '::server:'); "
                    + "no host was touched");
        });
        List<String> running = runningServers();
        if (!running.isEmpty() && !stopServers) {
            throw new BackupRefused("k3s runs on " + String.join(", ", running) + ": a restore replaces the datastore under the "
                    + "servers, so it stops them all first only when told to (--stop-servers); no host was touched");
        }
        if (inventory.datastore().provision().isEmpty()) {
            ExistingDatastoreClient.requireTool(inventory, hosts, true, "run the restore again");
        }
        for (Host server : inventory.servers().hosts()) {
            run(server.address(), Step.SERVERS, "stop k3s", "systemctl stop k3s", RemoteCommand.DEFAULT_TIMEOUT);
        }
        restoreDatastore(backup);
        for (Host server : inventory.servers().hosts()) {
            writeToken(server.address(), backup.token(), password);
        }
        for (Host server : inventory.servers().hosts()) {
            // Type=notify: systemctl start returns once K3s sent READY=1 (it serves), so one server is up before the next.
            start(server.address());
        }
        return nodes.await();
    }

    private void restoreDatastore(BackupFolder backup) {
        Datastore.Type type = inventory.datastore().type();
        Content dump = localFile(backup);
        Optional<Datastore.Provision> provision = inventory.datastore().provision();
        if (provision.isPresent() && type == Datastore.Type.etcd) {
            restoreEtcd(provision.get(), dump);
            return;
        }
        String address = provision.map(provisioned -> provisioned.first().address()).orElseGet(() -> ExistingDatastoreClient.host(inventory));
        String action = "drop and load the datastore from " + backup.manifest().dumpFile() + " (" + (type == Datastore.Type.postgres
                ? "pg_restore --clean" : "mysql") + ")";
        String command = provision.isPresent() ? DatastoreCommands.load(type, provision.get())
                : ExistingDatastoreClient.connect(inventory, secrets, hosts, action, "run the restore again").load();
        ExecResult result = onHost(address, Step.DATASTORE, action, () -> hosts.host(address).run(
                RemoteCommand.asRoot(command).withStdin(dump).withTimeout(ClusterBackup.DUMP_LIMIT)));
        failed(address, Step.DATASTORE, action, result, (provision.isPresent() ? "check that " + type + " runs there ("
                + ClusterBackup.unit(type) + ")" : ExistingDatastoreClient.fix(inventory)) + "; the servers stay stopped: run the "
                + "restore again");
    }

    /**
     * Every member restored from the snapshot. The members of a cluster are all stopped first, so
     * none serves the old data beside restored ones, then started together and waited on until
     * each is healthy (etcd's disaster recovery guide).
     */
    private void restoreEtcd(Datastore.Provision provision, Content snapshot) {
        List<EtcdMember> members = EtcdMember.of(provision);
        if (provision.clustered()) {
            for (EtcdMember member : members) {
                run(member.host().address(), Step.DATASTORE, "stop k3j-etcd (every member, before any is restored)",
                        "systemctl stop k3j-etcd", RemoteCommand.DEFAULT_TIMEOUT);
            }
        }
        for (EtcdMember member : members) {
            String address = member.host().address();
            String action = "restore the etcd snapshot into a fresh data folder and swap it in";
            onHost(address, Step.DATASTORE, "upload the snapshot to " + DatastoreCommands.ETCD_SNAPSHOT_UPLOAD,
                    () -> hosts.host(address).upload(DatastoreCommands.ETCD_SNAPSHOT_UPLOAD, snapshot, "0600", "root:root"));
            ExecResult result = onHost(address, Step.DATASTORE, action, () -> hosts.host(address).run(RemoteCommand.asRoot("sh -s")
                    .withStdin(DatastoreCommands.etcdRestore(member, members, inventory.name())
                            .getBytes(StandardCharsets.UTF_8)).withTimeout(ClusterBackup.DUMP_LIMIT).notIdempotent()));
            failed(address, Step.DATASTORE, action, result, "the old data is in " + Paths.ETCD_BEFORE_RESTORE
                    + " if it was moved; read 'journalctl -u k3j-etcd' there");
        }
        if (provision.clustered()) {
            for (EtcdMember member : members) {
                String address = member.host().address();
                ExecResult healthy = onHost(address, Step.DATASTORE, "wait until the restored member is healthy",
                        () -> RemoteShell.run(hosts.host(address), RemoteShell.waitUntil(EtcdMember.HEALTHY, readyLimit),
                                readyLimit));
                failed(address, Step.DATASTORE, "wait until the restored member is healthy", healthy,
                        "read 'journalctl -u k3j-etcd' there: every member must be restored from the same snapshot; "
                                + "the servers stay stopped: run the restore again");
            }
        }
    }

    private static Content localFile(BackupFolder backup) {
        try {
            return new Content.LocalFile(backup.dump(), Files.size(backup.dump()), BackupFiles.sha256(backup.dump()));
        } catch (IOException e) {
            throw new BackupRefused("cannot read " + backup.dump() + ": " + e.getMessage());
        }
    }

    /** The backup's token as the server's kept token ({@code server/token}) and in its config.yaml, which K3s starts with. */
    private void writeToken(String address, String token, String password) {
        RemoteHost host = hosts.host(address);
        String action = "write the backup's token into " + Paths.K3S_CONFIG + " and " + Paths.SERVER_TOKEN;
        Optional<String> config = onHost(address, Step.SERVERS, action, () -> host.readFile(Paths.K3S_CONFIG))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        String restored = config.flatMap(text -> ServerConfigToken.with(text, password)).orElseThrow(() -> new StepFailure(address,
                Step.SERVERS, action, Paths.K3S_CONFIG + (config.isEmpty() ? " does not exist" : " has no token line"),
                "run 'k3j-install apply' to set the server up, then the restore again"));
        onHost(address, Step.SERVERS, action, () -> host.upload(Paths.K3S_CONFIG, Content.of(restored), "0600", "root:root"));
        onHost(address, Step.SERVERS, action, () -> host.upload(Paths.SERVER_TOKEN, Content.of(token + "\n"), "0600", "root:root"));
    }

    private void start(String address) {
        RemoteHost host = hosts.host(address);
        String action = "start k3s and wait until it is ready";
        ExecResult result = onHost(address, Step.SERVERS, action, () -> host.run(RemoteCommand.asRoot("systemctl start k3s")
                .withTimeout(readyLimit).notIdempotent()));
        if (!result.ok()) {
            throw new StepFailure(address, Step.SERVERS, action, "systemctl start k3s failed (exit " + result.exitStatus() + "): "
                    + result.stderr().strip() + "; its journal: " + RemoteShell.journal(host, "k3s"),
                    "a token that does not match the datastore says 'bootstrap data already found and encrypted with different "
                            + "token'; fix the cause and run the restore again");
        }
    }

    private void run(String address, Step step, String action, String command, Duration limit) {
        ExecResult result = onHost(address, step, action, () -> hosts.host(address).run(RemoteCommand.asRoot(command).withTimeout(limit)));
        failed(address, step, action, result, "run the restore again once the host is fixed");
    }

    private static void failed(String address, Step step, String action, ExecResult result, String fix) {
        if (!result.ok()) {
            String stderr = result.stderr().strip();
            throw new StepFailure(address, step, action, "it failed (exit " + result.exitStatus() + ")"
                    + (stderr.isEmpty() ? "" : ": " + stderr), fix);
        }
    }

    private static <T> T onHost(String address, Step step, String action, Supplier<T> work) {
        return HostStep.on(address, step, action, "run the restore again", work);
    }
}
