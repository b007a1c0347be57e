package io.k3j.backup;

import static io.k3j.backup.FakeBackupCluster.CLOCK;
import static io.k3j.backup.FakeBackupCluster.DB;
import static io.k3j.backup.FakeBackupCluster.PASSWORD;
import static io.k3j.backup.FakeBackupCluster.SERVERS;
import static io.k3j.backup.FakeBackupCluster.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.apply.StepFailure;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Paths;
import io.k3j.ssh.Sha256;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ClusterBackupTest {
    private static final String S1 = SERVERS.get(0);
    private static final String DUMP = "PGDMP\u0001 the kine table, as pg_dump --format=custom writes it";
    private static final String DB_PASSWORD = "existing-db-secret";
    private static final String CREDENTIALS = "/tmp/tmp.k3jAbc123";

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    @TempDir
    Path temp;

    private FakeBackupCluster cluster;
    private Inventory inventory;

    @BeforeEach
    void theAirgapExampleOnFakeHosts() {
        cluster = new FakeBackupCluster(fakes, temp.resolve("backup.log"));
        inventory = cluster.inventory;
    }

    @Test
    void theDumpTheTokenAndTheManifestGoIntoOneFolderForItsOwnerWithTheSha256OfEveryFile() throws Exception {
        cluster.withToken();
        fakes.host(DB).on("pg_dump", FakeHost.command("\\Arunuser -u postgres -- pg_dump --format=custom --compress=1 --dbname='k3s'\\z"),
                FakeHost.ok(DUMP));

        ClusterBackup.Taken taken = backup();

        Path folder = temp.resolve("backups/" + inventory.name() + "-20261202T010203Z");
        assertThat(taken.directory()).isEqualTo(folder);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("datastore.pgdump", "token", "backup.yaml", "SHA256SUMS");
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).allSatisfy(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file.toString()).isEqualTo("rw-------"));
        }
        assertThat(Files.readString(folder.resolve("datastore.pgdump"))).isEqualTo(DUMP);
        assertThat(Files.readString(folder.resolve("token"))).isEqualTo(TOKEN + "\n");
        BackupManifest manifest = BackupManifest.parse(Files.readString(folder.resolve("backup.yaml"))).orElseThrow();
        assertThat(manifest).isEqualTo(new BackupManifest(inventory.name(), CLOCK.instant(),
                Sha256.of(Files.readAllBytes(inventory.file())), inventory.k3s().version(), Datastore.Type.postgres, "datastore.pgdump",
                Optional.of(new BackupManifest.Origin(false, DB))));
        Map<String, String> sums = Checksums.parse(Files.readString(folder.resolve("SHA256SUMS"))).orElseThrow();
        assertThat(sums).containsOnlyKeys("datastore.pgdump", "token", "backup.yaml");
        for (Map.Entry<String, String> sum : sums.entrySet()) {
            assertThat(Sha256.of(Files.readAllBytes(folder.resolve(sum.getKey())))).as(sum.getKey()).isEqualTo(sum.getValue());
        }
        long size = 0;
        try (Stream<Path> files = Files.list(folder)) {
            size = files.mapToLong(file -> file.toFile().length()).sum();
        }
        assertThat(taken.bytes()).isEqualTo(size);
        assertThat(Files.readString(cluster.log)).doesNotContain(TOKEN).doesNotContain(PASSWORD);
    }

    @Test
    void aDumpThatFailsNamesTheHostAndStepAndLeavesNothingBehind() throws Exception {
        cluster.withToken();
        fakes.host(DB).on("pg_dump", FakeHost.command("pg_dump"),
                new io.k3j.ssh.ExecResult(1, "PGDMP half of it", "pg_dump: error: connection to server failed", java.time.Duration.ZERO));

        assertThatThrownBy(this::backup).isInstanceOfSatisfying(StepFailure.class, failure -> {
            assertThat(failure.host()).isEqualTo(DB);
            assertThat(failure.step()).isEqualTo(io.k3j.plan.Step.DATASTORE);
            assertThat(failure.describe()).contains("dump the datastore (pg_dump --format=custom)", "exit 1",
                    "pg_dump: error: connection to server failed", "systemctl status postgresql");
        });
        try (Stream<Path> left = Files.list(temp.resolve("backups"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aClusterWhoseFirstServerHasNoTokenIsNotBackedUp() throws Exception {
        assertThatThrownBy(this::backup).isInstanceOfSatisfying(StepFailure.class, failure -> {
            assertThat(failure.host()).isEqualTo(S1);
            assertThat(failure.describe()).contains(Paths.SERVER_TOKEN, "does not exist");
        });
        assertThat(fakes.journal()).noneMatch(line -> line.contains("pg_dump"));
    }

    @Test
    void anExistingDatastoreIsDumpedFromTheFirstServerThePasswordOnlyOnStandardInput() throws Exception {
        FakeBackupCluster existing = existingPostgres().withToken();
        FakeHost first = fakes.host(S1);
        first.on("pg_dump there", FakeHost.command("\\Acommand -v pg_dump >/dev/null\\z"), FakeHost.ok())
                .on("credentials", FakeHost.command("mktemp -d"), FakeHost.ok(CREDENTIALS + "\n"))
                .on("pg_dump", FakeHost.command("pg_dump --format=custom"), FakeHost.ok(DUMP));

        ClusterBackup.Taken taken = existing.connected(hosts -> {
            ClusterBackup backup = new ClusterBackup(existing.inventory, existing.secrets(), hosts, CLOCK);
            backup.requireTools();
            return backup.take(temp.resolve("backups"));
        });

        assertThat(Files.readString(taken.directory().resolve("datastore.pgdump"))).isEqualTo(DUMP);
        assertThat(taken.manifest().origin()).contains(new BackupManifest.Origin(true, S1));
        assertThat(Files.readString(taken.directory().resolve("backup.yaml")))
                .contains("datastoreOrigin: \"existing\"", "dumpedOn: \"" + S1 + "\"");
        assertThat(first.sent()).extracting(FakeHost.Sent::command).allSatisfy(command -> assertThat(command).doesNotContain(DB_PASSWORD));
        assertThat(first.sent()).filteredOn(sent -> sent.command().contains("mktemp")).singleElement()
                .satisfies(sent -> assertThat(sent.stdin()).isEqualTo("*:*:*:*:" + DB_PASSWORD + "\n"));
        assertThat(first.sent()).filteredOn(sent -> sent.command().contains("pg_dump --format")).singleElement()
                .satisfies(sent -> assertThat(sent.command()).startsWith("d='" + CREDENTIALS + "'; trap 'rm -rf \"$d\"' EXIT;")
                        .contains("PGPASSFILE=\"$d\"/pgpass PGHOST='198.51.100.5' PGPORT='5432' PGUSER='k3s' "));
        assertThat(fakes.journal()).noneMatch(line -> line.startsWith(DB + ":"));
        assertThat(Files.readString(existing.log)).doesNotContain(DB_PASSWORD).doesNotContain(TOKEN);
    }

    @Test
    void aFirstServerWithoutTheDumpToolIsRefusedNamingItAndThePackageBeforeAnythingRuns() throws Exception {
        FakeBackupCluster existing = existingPostgres().withToken();
        fakes.host(S1).on("no pg_dump", FakeHost.command("\\Acommand -v pg_dump"), FakeHost.exit(1, ""));

        assertThatThrownBy(() -> existing.connected(hosts -> {
            new ClusterBackup(existing.inventory, existing.secrets(), hosts, CLOCK).requireTools();
            return null;
        })).isInstanceOf(BackupRefused.class).hasMessageContaining(S1).hasMessageContaining("has no pg_dump")
                .hasMessageContaining("apt-get install postgresql-client");
        assertThat(fakes.host(S1).sent()).extracting(FakeHost.Sent::command).noneMatch(command -> command.contains("mktemp"));
    }

    /**
     * inventories/postgres-existing-lb.yaml: an existing PostgreSQL at {@link FakeBackupCluster#DB}, not a host of the
     * inventory (the example's secrets written in: an example refers to none it needs).
     */
    private FakeBackupCluster existingPostgres() {
        return new FakeBackupCluster(fakes, temp.resolve("existing.log"), ExampleInventories.load("postgres-existing-lb.yaml",
                text -> text.replace("${env:K3S_DB_PASSWORD}", DB_PASSWORD).replace("${env:K3S_TOKEN}", PASSWORD)), Map.of());
    }

    private ClusterBackup.Taken backup() throws Exception {
        return cluster.backup(temp.resolve("backups"));
    }
}
