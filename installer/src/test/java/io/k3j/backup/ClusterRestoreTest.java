package io.k3j.backup;

import static io.k3j.backup.FakeBackupCluster.DB;
import static io.k3j.backup.FakeBackupCluster.SERVERS;
import static io.k3j.backup.FakeBackupCluster.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.apply.Node;
import io.k3j.apply.StepFailure;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Paths;
import io.k3j.ssh.ExecResult;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.FakeSystemd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ClusterRestoreTest {
    private static final String BACKUP_PASSWORD = FakeBackupCluster.PASSWORD;
    private static final String NOW_PASSWORD = "fedcba9876543210".repeat(2);
    private static final String DUMP = "PGDMP the kine table";
    private static final String DB_PASSWORD = "existing-db-secret";

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    @TempDir
    Path temp;

    private FakeBackupCluster cluster;
    private Inventory inventory;
    private Path backup;

    @BeforeEach
    void aBackupAndServersThatRunWithAnotherToken() throws Exception {
        cluster = new FakeBackupCluster(fakes, temp.resolve("hosts.log")).withToken();
        inventory = cluster.inventory;
        fakes.host(DB).on("pg_dump", FakeHost.command("pg_dump"), FakeHost.ok(DUMP));
        backup = cluster.backup(temp.resolve("backups")).directory();
        runWithAnotherToken(SERVERS);
        fakes.host(DB).on("pg_restore", FakeHost.command("\\Arunuser -u postgres -- pg_restore --clean --if-exists --single-transaction "
                + "--exit-on-error --dbname='k3s'\\z"), sent -> sent.stdin().equals(DUMP) ? FakeHost.ok() : FakeHost.exit(1, "not the dump"));
        fakes.clearJournal();
    }

    private void runWithAnotherToken(List<String> servers) {
        for (String server : servers) {
            FakeHost host = fakes.host(server);
            host.put(Paths.K3S_CONFIG, "# Managed by k3j-install\ntoken: \"" + NOW_PASSWORD + "\"\nagent-token: \"a\"\n");
            host.put(Paths.SERVER_TOKEN, "K10" + "ab".repeat(32) + "::server:" + NOW_PASSWORD + "\n");
            AtomicBoolean running = FakeSystemd.teach(host, "k3s", true);
            host.on("stop k3s", FakeHost.command("\\Asystemctl stop k3s\\z"), sent -> {
                running.set(false);
                return FakeHost.ok();
            }).on("start k3s", FakeHost.command("\\Asystemctl start k3s\\z"), sent -> {
                running.set(true);
                return FakeHost.ok();
            });
        }
    }

    @Test
    void everyServerStopsTheDumpIsLoadedTheBackupsTokenWrittenThenTheServersStartOneByOneAndTheNodesAreChecked() throws Exception {
        AtomicBoolean checked = new AtomicBoolean();

        List<Node> nodes = connected(hosts -> new ClusterRestore(inventory, cluster.secrets(), hosts, Duration.ofSeconds(30))
                .restore(BackupFolder.open(backup), true, () -> {
                    checked.set(true);
                    return List.of();
                }));

        assertThat(nodes).isEmpty();
        assertThat(checked).isTrue();
        assertThat(fakes.journal()).filteredOn(line -> !line.contains("gather facts") && !line.contains("is k3s active")).containsExactly(
                SERVERS.get(0) + ": stop k3s", SERVERS.get(1) + ": stop k3s",
                DB + ": pg_restore",
                SERVERS.get(0) + ": write " + Paths.K3S_CONFIG, SERVERS.get(0) + ": write " + Paths.SERVER_TOKEN,
                SERVERS.get(1) + ": write " + Paths.K3S_CONFIG, SERVERS.get(1) + ": write " + Paths.SERVER_TOKEN,
                SERVERS.get(0) + ": start k3s", SERVERS.get(1) + ": start k3s");
        for (String server : SERVERS) {
            assertThat(fakes.host(server).file(Paths.K3S_CONFIG).orElseThrow().text())
                    .isEqualTo("# Managed by k3j-install\ntoken: \"" + BACKUP_PASSWORD + "\"\nagent-token: \"a\"\n");
            assertThat(fakes.host(server).file(Paths.SERVER_TOKEN).orElseThrow().text()).isEqualTo(TOKEN + "\n");
            assertThat(fakes.host(server).file(Paths.SERVER_TOKEN).orElseThrow().mode()).isEqualTo("0600");
        }
        assertThat(Files.readString(cluster.log)).doesNotContain(BACKUP_PASSWORD);
    }

    @Test
    void runningServersAreNotStoppedUnlessTold() throws Exception {
        assertThatThrownBy(() -> connected(hosts -> new ClusterRestore(inventory, cluster.secrets(), hosts, Duration.ofSeconds(30))
                .restore(BackupFolder.open(backup), false, List::of)))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("k3s runs on " + String.join(", ", SERVERS))
                .hasMessageContaining("--stop-servers");
        assertThat(fakes.journal()).noneMatch(line -> line.contains("stop") || line.contains("write") || line.contains("pg_restore"));
    }

    @Test
    void aLoadThatFailsNamesTheDatastoreHostAndStep() throws Exception {
        fakes.host(DB).on("pg_restore", FakeHost.command("pg_restore"), new ExecResult(1, "", "pg_restore: error: could not execute query",
                Duration.ZERO));

        assertThatThrownBy(() -> connected(hosts -> new ClusterRestore(inventory, cluster.secrets(), hosts, Duration.ofSeconds(30))
                .restore(BackupFolder.open(backup), true, List::of)))
                .isInstanceOfSatisfying(StepFailure.class, failure -> {
                    assertThat(failure.host()).isEqualTo(DB);
                    assertThat(failure.describe()).contains("drop and load the datastore from datastore.pgdump",
                            "pg_restore: error: could not execute query");
                });
    }

    @Test
    void aBackupFileChangedByOneByteIsRefusedByItsChecksum() throws Exception {
        byte[] dump = Files.readAllBytes(backup.resolve("datastore.pgdump"));
        dump[3] ^= 1;
        Files.write(backup.resolve("datastore.pgdump"), dump);

        assertThatThrownBy(() -> BackupFolder.open(backup)).isInstanceOf(BackupRefused.class)
                .hasMessageContaining("does not match its checksums: datastore.pgdump has sha256");
    }

    @Test
    void aBackupOfAnotherDatastoreTypeDoesNotFit() {
        Inventory mysql = ExampleInventories.load("mysql-haproxy.yaml");

        assertThatThrownBy(() -> BackupFolder.open(backup).requireFits(mysql)).isInstanceOf(BackupRefused.class)
                .hasMessageContaining("is of a postgres datastore").hasMessageContaining("spec.datastore.type mysql");
    }

    @Test
    void anExistingPostgresIsLoadedFromTheFirstServerWithThePasswordInAPrivateFile() throws Exception {
        Inventory existing = ExampleInventories.load("postgres-existing-lb.yaml", text -> text.replace("    token: ${env:K3S_TOKEN}\n", "")
                .replace("${env:K3S_DB_PASSWORD}", DB_PASSWORD));
        FakeBackupCluster onExisting = new FakeBackupCluster(fakes, temp.resolve("existing.log"), existing, Map.of());
        List<String> servers = existing.servers().hosts().stream().map(Host::address).toList();
        runWithAnotherToken(servers);
        FakeHost first = fakes.host(servers.get(0));
        first.on("pg_restore there", FakeHost.command("\\Acommand -v pg_restore >/dev/null\\z"), FakeHost.ok())
                .on("credentials", FakeHost.command("mktemp -d"), sent -> sent.stdin().equals("*:*:*:*:" + DB_PASSWORD + "\n")
                        ? FakeHost.ok("/tmp/tmp.k3jAbc\n") : FakeHost.exit(1, "not the password"))
                .on("pg_restore", FakeHost.command("\\Ad='/tmp/tmp.k3jAbc'; .*PGHOST='198.51.100.5' .*pg_restore --clean --if-exists "
                        + "--no-owner "), sent -> sent.stdin().equals(DUMP) ? FakeHost.ok() : FakeHost.exit(1, "not the dump"));
        fakes.clearJournal();

        onExisting.connected(hosts -> new ClusterRestore(existing, onExisting.secrets(), hosts, Duration.ofSeconds(30))
                .restore(BackupFolder.open(backup), true, List::of));

        assertThat(fakes.journal()).filteredOn(line -> line.contains("pg_restore") || line.contains("credentials")
                || line.contains("start k3s")).containsExactly(servers.get(0) + ": pg_restore there", servers.get(0) + ": credentials",
                servers.get(0) + ": pg_restore", servers.get(0) + ": start k3s", servers.get(1) + ": start k3s",
                servers.get(2) + ": start k3s");
        assertThat(first.sent()).extracting(FakeHost.Sent::command).noneMatch(command -> command.contains(DB_PASSWORD));
        assertThat(Files.readString(onExisting.log)).doesNotContain(DB_PASSWORD);
    }

    @Test
    void anExistingEtcdIsNotRestoredFromAServerTheMessageSaysHowEtcdsOwnDocsDoIt() {
        assertThatThrownBy(() -> ClusterRestore.requireRestorable(ExampleInventories.load("etcd-dedicated.yaml")))
                .isInstanceOf(BackupRefused.class).hasMessageContaining("was not provisioned by k3j-install")
                .hasMessageContaining("\"Disaster recovery\"").hasMessageContaining("etcdctl snapshot restore")
                .hasMessageContaining(Paths.SERVER_TOKEN).hasMessageContaining("no host was touched");
    }

    private <T> T connected(FakeBackupCluster.OnHosts<T> work) throws Exception {
        return cluster.connected(work);
    }
}
