package io.k3j.backup;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.StepFailure;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.SecretResolver;
import io.k3j.inventory.StateFolder;
import io.k3j.plan.K3sToken;
import io.k3j.plan.Paths;
import io.k3j.plan.Step;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A backup of a cluster (docs.k3s.io {@code datastore/backup-restore}: the datastore and the token
 * are all a restore needs): the datastore's own dump, streamed over SSH into a file here, the
 * server token of the first server, and {@code backup.yaml}; {@code SHA256SUMS} over them all. A
 * datastore k3j-install provisioned is dumped on its host ({@link DatastoreCommands}); an existing
 * one from the first server, with the endpoint and TLS files K3s reaches it with ({@link
 * ExistingDatastoreCommands}). One folder, {@code <cluster>-<UTC time>}, 0700 with files 0600;
 * removed whole when any part fails. Usable outside the command (the upgrade takes one before it starts).
 */
public final class ClusterBackup {
    public static final String TOKEN_FILE = "token";
    /** A dump is as long as the datastore is large: the limit is for a host that stopped answering. */
    static final Duration DUMP_LIMIT = Duration.ofHours(2);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Inventory inventory;
    private final SecretResolver secrets;
    private final ConnectedHosts hosts;
    private final Clock clock;

    /** What a backup holds and where: its folder and the size of all its files. */
    public record Taken(Path directory, long bytes, BackupManifest manifest) {
    }

    public ClusterBackup(Inventory inventory, SecretResolver secrets, ConnectedHosts hosts, Clock clock) {
        this.inventory = inventory;
        this.secrets = secrets;
        this.hosts = hosts;
        this.clock = clock;
    }

    /** Where backups go unless told: {@code .k3j/backups} beside the inventory (the {@code .k3j} folder's .gitignore keeps it out of git). */
    public static Path defaultParent(Inventory inventory) {
        return inventory.directory().resolve(".k3j/backups");
    }

    /**
     * For an existing datastore: that the first server has the dump tool, before anything runs.
     *
     * @throws BackupRefused naming the server and the Debian package to install
     */
    public void requireTools() {
        if (inventory.datastore().provision().isEmpty()) {
            ExistingDatastoreClient.requireTool(inventory, hosts, false, "back up again");
        }
    }

    /**
     * Takes a backup into a new folder under {@code parent}.
     *
     * @throws StepFailure when a host step fails (the host and step named); nothing is left of the backup
     * @throws BackupRefused when the folder cannot be made or written here
     */
    public Taken take(Path parent) {
        Instant created = clock.instant();
        Path folder = parent.resolve(inventory.name() + "-" + STAMP.format(created));
        try {
            StateFolder.createDirectories(parent);
            BackupFiles.createFolder(folder);
        } catch (FileAlreadyExistsException e) {
            throw new BackupRefused(folder + " exists already: a backup of this cluster was taken in this second; try again");
        } catch (IOException e) {
            throw new BackupRefused("cannot make the backup's folder " + folder + ": " + e.getMessage());
        }
        try {
            return write(folder, created);
        } catch (IOException e) {
            BackupFiles.removeQuietly(folder);
            throw new BackupRefused("cannot write the backup into " + folder + " on this machine: " + e.getMessage()
                    + "; nothing of it was kept");
        } catch (RuntimeException e) {
            BackupFiles.removeQuietly(folder);
            throw e;
        }
    }

    private Taken write(Path folder, Instant created) throws IOException {
        Host first = inventory.servers().hosts().get(0);
        String token = serverToken(first);
        Datastore.Type type = inventory.datastore().type();
        Map<String, String> sums = new LinkedHashMap<>();
        String dumpFile = DatastoreCommands.dumpFile(type);
        BackupManifest.Origin origin = origin();
        sums.put(dumpFile, dump(folder.resolve(dumpFile), origin));
        BackupFiles.write(folder.resolve(TOKEN_FILE), token + "\n");
        sums.put(TOKEN_FILE, BackupFiles.sha256(folder.resolve(TOKEN_FILE)));
        String k3sVersion = hosts.facts(first.address()).k3sVersion().orElse(inventory.k3s().version());
        BackupManifest manifest = new BackupManifest(inventory.name(), created, BackupFiles.sha256(inventory.file()), k3sVersion,
                type, dumpFile, Optional.of(origin));
        BackupFiles.write(folder.resolve(BackupManifest.FILE), manifest.render());
        sums.put(BackupManifest.FILE, BackupFiles.sha256(folder.resolve(BackupManifest.FILE)));
        BackupFiles.write(folder.resolve(Checksums.FILE), Checksums.render(sums));
        long bytes = 0;
        for (String file : List.of(dumpFile, TOKEN_FILE, BackupManifest.FILE, Checksums.FILE)) {
            bytes += Files.size(folder.resolve(file));
        }
        return new Taken(folder, bytes, manifest);
    }

    /** The first server's token, as K3s keeps it: a backup without it cannot be restored. */
    private String serverToken(Host first) {
        String action = "read the cluster's token (" + Paths.SERVER_TOKEN + ")";
        String token = host(first.address(), Step.SERVERS, action, () -> hosts.host(first.address()).readFile(Paths.SERVER_TOKEN))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                .orElseThrow(() -> new StepFailure(first.address(), Step.SERVERS, action, "the file does not exist: K3s was never "
                        + "started there", "run 'k3j-install apply' first; a cluster that never ran has nothing to back up"));
        if (K3sToken.parse(token).filter(parsed -> parsed.user().equals(K3sToken.SERVER)).isEmpty()) {
            throw new StepFailure(first.address(), Step.SERVERS, action, "the file does not hold a server token (K10<hash>::server:<password>)",
                    "restore it from another server of the cluster, then back up again");
        }
        hosts.runLog().addSecrets(List.of(token, K3sToken.passwordOf(token)));
        return token;
    }

    /** Where the dump runs: a provisioned datastore's host, or for an existing one the first server. */
    private BackupManifest.Origin origin() {
        return inventory.datastore().provision()
                .map(provision -> new BackupManifest.Origin(false, provision.first().address()))
                .orElseGet(() -> new BackupManifest.Origin(true, ExistingDatastoreClient.host(inventory)));
    }

    /** The dump streamed into {@code file} as it comes, hashed on the way; its sha256. */
    private String dump(Path file, BackupManifest.Origin origin) throws IOException {
        Datastore.Type type = inventory.datastore().type();
        String address = origin.host();
        String action = "dump the datastore (" + DatastoreCommands.dumpTool(type) + ") into " + file.getFileName() + " here";
        RemoteHost host = hosts.host(address);
        MessageDigest digest = Sha256.digest();
        ExecResult result;
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(BackupFiles.create(file)), digest)) {
            String command = origin.existing()
                    ? ExistingDatastoreClient.connect(inventory, secrets, hosts, action, "back up again").dump()
                    : DatastoreCommands.dump(type, inventory.datastore().provision().orElseThrow());
            result = host(address, Step.DATASTORE, action, () -> host.stream(
                    RemoteCommand.asRoot(command).withTimeout(DUMP_LIMIT).notIdempotent(), out));
        }
        if (!result.ok()) {
            throw new StepFailure(address, Step.DATASTORE, action, "it failed (exit " + result.exitStatus() + "): "
                    + said(result), (origin.existing() ? ExistingDatastoreClient.fix(inventory) : "check that " + type + " runs there ("
                    + unit(type) + ") and that 'k3j-install apply' set it up") + "; nothing of this backup was kept");
        }
        return Sha256.hex(digest);
    }

    private static <T> T host(String address, Step step, String action, Supplier<T> work) {
        return HostStep.on(address, step, action, "back up again (nothing of this backup was kept)", work);
    }

    private static String said(ExecResult result) {
        String stderr = result.stderr().strip();
        return stderr.isEmpty() ? "it said nothing on standard error" : stderr;
    }

    static String unit(Datastore.Type type) {
        return switch (type) {
            case postgres -> "systemctl status postgresql";
            case mysql -> "systemctl status mariadb";
            case etcd -> "systemctl status k3j-etcd";
        };
    }
}
