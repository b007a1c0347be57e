package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SQL datastore set up by k3j-install on db1 with {@code provision.tls}: the cluster comes up
 * with K3s logging in over TLS with its client certificate, the serving key belongs to the
 * database's user only, and a second apply changes nothing. Each database's test says how it
 * sees K3s' certificate in use. The password holds what SQL, shells and URLs read specially, so
 * the set-up script, the endpoint and the probe are shown to carry it exactly. Then, on that cluster,
 * a backup and its restore ({@link BackupRestoreOnLab}), and a reset with the datastore followed by
 * a fresh apply on the same hosts ({@link ResetOnLab}); last, the database stopped before an apply,
 * which starts it again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProvisionedSqlTlsOnLab {
    static final List<String> SERVERS = List.of("server1", "server2", "server3");
    static final List<String> WORKERS = List.of("worker1", "worker2");
    /** Quotes, backslashes, shell syntax and URL delimiters; no '@', which the K3s double's MySQL parser takes differently from go-sql-driver. */
    static final String PASSWORD = "it's \"a\" \\back\\slash $(id) `id`; 50% /?#:+&=";

    /** Shared by the tests in order: the backup and restore run on the cluster the first one installed. */
    @TempDir
    static Path temp;
    private static Path backup;

    /** The inventory's datastore type. */
    abstract String type();

    /** The serving key on db1. */
    abstract String serverKey();

    /** The user the database runs as, who alone may read the serving key. */
    abstract String owner();

    /** That K3s logs in over TLS with its client certificate, as the database sees it. */
    abstract void assertK3sUsesItsCertificate(Lab lab);

    /** How many of the cluster's database (k3s) and its user's accounts (k3s) the server on db1 has, as its superuser counts them. */
    abstract int databaseAndUsers(Lab lab);

    /** The files apply wrote for the database on db1 that are still there, and k3j-install's lines in the ones it shares. */
    abstract String k3jFilesLeft(Lab lab);

    /** The database's systemd unit. */
    abstract String unit();

    /** What stops the database: its unit, and whatever would start it again on the next connection. */
    List<String> stopped() {
        return List.of(unit());
    }

    @Test
    @Order(1)
    void theServersLogInOverTlsWithTheirClientCertificate(Lab lab) throws IOException {
        lab.publish(LabCluster.RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
        Path inventory = temp.resolve("inventory.yaml");
        Files.writeString(inventory, LabInventory.head(lab, "edge", "root") + LabInventory.provisionedWithTls(lab, type(),
                ", password: \"${env:K3S_DB_PASSWORD}\""));

        CliRun run = apply(inventory);

        assertThat(run.exitCode()).as(run.all()).isZero();
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), SERVERS, WORKERS);
        assertThat(lab.exec("db1", "stat", "-c", "%U %a", serverKey()).stdout().strip()).isEqualTo(owner() + " 600");
        assertK3sUsesItsCertificate(lab);

        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        CliRun again = apply(inventory);
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory");
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).isEqualTo(before);
    }

    @Test
    @Order(2)
    void aBackupRestoredBringsBackTheObjectsAsTheyWereWhenItWasTaken(Lab lab) throws IOException {
        backup = backupRestore(lab).backUpChangeAndRestore(SERVERS, WORKERS);
    }

    @Test
    @Order(3)
    void aBackupChangedByOneByteIsRefused(Lab lab) throws IOException {
        assertThat(backup).as("the backup the test before took").isNotNull();
        backupRestore(lab).aChangedByteIsRefused(backup);
    }

    @Test
    @Order(4)
    void resetWithTheDatastoreDropsTheDatabaseAndUserLeavesNothingOfK3jAndANewApplyBuildsAFreshCluster(Lab lab) {
        List<String> hosts = ResetOnLab.hosts(SERVERS, WORKERS);
        String db = lab.host("db1").address();
        int before = databaseAndUsers(lab);
        assertThat(before).as("the database and one account per server (MariaDB), or the role (PostgreSQL)").isGreaterThan(1);

        CliRun dry = reset(lab).dryRun(hosts);
        assertThat(dry.out()).contains("drop the database k3s and the user k3s", "restart " + unit() + ": ");
        assertThat(databaseAndUsers(lab)).as("a dry run drops nothing").isEqualTo(before);

        CliRun reset = reset(lab).resetWithDatastore(hosts);

        assertThat(databaseAndUsers(lab)).as("the cluster's database and user on db1").isZero();
        assertThat(k3jFilesLeft(lab)).as("k3j-install's files for the database on db1").isEmpty();
        assertThat(lab.exec("db1", "systemctl", "is-active", unit()).stdout().strip()).as("there before k3j-install: running on its own")
                .isEqualTo("active");
        assertThat(reset.out()).contains("on " + db + ": its other databases and users as they were; running again on its own configuration");

        reset(lab).aFreshApplyBuildsANewCluster(SERVERS, WORKERS);
    }

    /** The fault matrix's row 1: the datastore k3j-install set up, stopped before apply, is started again by step 1. */
    @Test
    @Order(5)
    void aDatastoreStoppedBeforeApplyIsStartedAgainByStepOneAndTheNextApplyHasNothingToDo(Lab lab) {
        Path inventory = temp.resolve("inventory.yaml");
        List<String> stop = new ArrayList<>(List.of("systemctl", "stop"));
        stop.addAll(stopped());
        lab.exec("db1", stop.toArray(String[]::new)).orThrow("stop " + stopped() + " on db1");
        assertThat(lab.exec("db1", "systemctl", "is-active", unit()).stdout().strip()).isEqualTo("inactive");

        CliRun run = apply(inventory);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).as("db1's start").contains(lab.host("db1").address() + " (datastore)  1 changed");
        assertThat(lab.exec("db1", "systemctl", "is-active", unit()).stdout().strip()).isEqualTo("active");
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), SERVERS, WORKERS);
        CliRun again = apply(inventory);
        assertThat(again.out()).as(again.all()).contains("no changes: every host already matched the inventory");
    }

    private ResetOnLab reset(Lab lab) {
        return new ResetOnLab(InstalledOnLab.in(lab, temp, Map.of("K3S_DB_PASSWORD", PASSWORD)));
    }

    private BackupRestoreOnLab backupRestore(Lab lab) {
        return new BackupRestoreOnLab(InstalledOnLab.in(lab, temp, Map.of("K3S_DB_PASSWORD", PASSWORD)));
    }

    private CliRun apply(Path inventory) {
        return CliRun.onInventory(Map.of("K3S_DB_PASSWORD", PASSWORD), "apply", inventory, temp,
                "--kubeconfig=" + temp.resolve("kubeconfig"));
    }
}
