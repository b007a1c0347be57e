package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.lab.LabCertificates.CertificateFiles;
import io.k3j.lab.LabPostgres;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An existing PostgreSQL on db1 that takes the servers only over TLS with a client certificate
 * ({@code hostssl … clientcert=verify-full}, its own CA), the client key in the traditional EC
 * form pgjdbc cannot read. The wrong CA, then no client certificate, must stop apply at the
 * datastore check before any server is touched; with the right files the cluster comes up. Then
 * a backup of that PostgreSQL from the first server, through the same TLS files, and its restore
 * ({@link BackupRestoreOnLab}).
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingPostgresTlsOnLabIT {
    private static final String DB_PASSWORD = "lab-postgres-secret";
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");
    private static final List<String> ALL = List.of("server1", "server2", "server3", "worker1", "worker2");

    @TempDir
    static Path temp;

    private static LabCertificates pki;
    private static LabPostgres postgres;

    @BeforeAll
    static void runPostgresWithClientCertificates(Lab lab) {
        lab.publish(LabCluster.RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
        pki = LabCertificates.create(lab, "db1", "postgres");
        postgres = LabPostgres.withClientCertificates(lab, "db1", pki);
        postgres.psql("postgres", "ALTER ROLE " + LabPostgres.USER + " PASSWORD '" + DB_PASSWORD + "'").orThrow("set k3s' password");
        postgres.psql("postgres", "CREATE DATABASE k3s OWNER " + LabPostgres.USER).orThrow("create the k3s database");
    }

    /** The inventory with {@code caFile} and, unless null, {@code client} as datastore.tls. */
    private static Path inventory(Lab lab, Path caFile, CertificateFiles client) throws IOException {
        String tls = "caFile: \"" + caFile + "\"" + (client == null ? ""
                : ", certFile: \"" + client.certificate() + "\", keyFile: \"" + client.key() + "\"");
        Path file = temp.resolve("inventory.yaml");
        Files.writeString(file, LabInventory.head(lab, "pg-tls", "root") + """
                  datastore:
                    type: postgres
                    endpoint: "postgres://%s:${env:K3S_DB_PASSWORD}@%s:5432/k3s"
                    tls: {%s}
                  servers:
                    hosts: [%s]
                """.formatted(LabPostgres.USER, lab.host("db1").address(), tls, LabInventory.hostList(lab, "server"))
                + LabInventory.haproxyAndWorkers(lab));
        return file;
    }

    private static CliRun apply(Path inventory) {
        return CliRun.onInventory(Map.of("K3S_DB_PASSWORD", DB_PASSWORD), "apply", inventory, temp,
                "--kubeconfig=" + temp.resolve("kubeconfig"));
    }

    private static CertificateFiles client() {
        return pki.client("k3s", LabCertificates.KeyForm.TRADITIONAL_EC);
    }

    @Test
    @Order(1)
    void theWrongCaStopsApplyAtTheDatastoreCheckBeforeAnyServerIsTouched(Lab lab) throws IOException {
        Path otherCa = LabCertificates.create(lab, "db1", "not-postgres").ca();

        CliRun run = apply(inventory(lab, otherCa, client()));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(run.err()).contains("step 1. Datastore").contains(lab.host("server1").address())
                .contains("PostgreSQL at " + lab.host("db1").address() + ":5432 serves a certificate that datastore.tls.caFile did not sign")
                .contains("Set datastore.tls.caFile to the CA that signed PostgreSQL's serving certificate");
        LabCluster.assertNothingOfOursOn(lab, ALL);
    }

    @Test
    @Order(2)
    void withoutAClientCertificateApplyStopsAtTheDatastoreCheck(Lab lab) throws IOException {
        CliRun run = apply(inventory(lab, pki.ca(), null));

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(run.err()).contains("step 1. Datastore").contains("wants a client certificate")
                .contains("connection requires a valid client certificate")
                .contains("datastore.tls.certFile and keyFile a client certificate signed by the CA PostgreSQL trusts (ssl_ca_file)");
        LabCluster.assertNothingOfOursOn(lab, ALL);
    }

    @Test
    @Order(3)
    void withTheRightFilesTheClusterComesUpAndASecondApplyChangesNothing(Lab lab) throws IOException {
        Path inventory = inventory(lab, pki.ca(), client());

        CliRun run = apply(inventory);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.all() + Files.readString(temp.resolve("run.log"))).doesNotContain(DB_PASSWORD);
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server2"), SERVERS, WORKERS);
        assertThat(postgres.psql("k3s", "SELECT count(*) FROM kine").orThrow("count kine rows").stdout().strip())
                .as("rows in kine's table").isNotEqualTo("0");
        assertThat(postgres.psql("postgres", "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) "
                + "WHERE usename = 'k3s' AND ssl AND client_dn = '/CN=k3s'").orThrow("pg_stat_ssl").stdout().strip())
                .as("K3s' connections with the client certificate").isNotEqualTo("0");

        String before = LabCluster.invocations(lab, SERVERS, WORKERS);
        CliRun again = apply(inventory);
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("no changes: every host already matched the inventory");
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).isEqualTo(before);
    }

    @Test
    @Order(4)
    void aBackupTakenFromTheFirstServerRestoresTheClusterAsItWasAndAChangedByteIsRefused(Lab lab) throws IOException {
        BackupRestoreOnLab backupRestore = new BackupRestoreOnLab(InstalledOnLab.in(lab, temp, Map.of("K3S_DB_PASSWORD", DB_PASSWORD)));

        Path backup = backupRestore.backUpChangeAndRestore(SERVERS, WORKERS);

        assertThat(Files.readString(backup.resolve("backup.yaml"))).contains("datastore: \"postgres\"",
                "datastoreOrigin: \"existing\"", "dumpedOn: \"" + lab.host("server1").address() + "\"");
        assertThat(Files.readString(temp.resolve("run.log"))).doesNotContain(DB_PASSWORD);
        // The password file went with the dump and the load that used it.
        assertThat(lab.exec("server1", "find", "/tmp", "-name", "pgpass").orThrow("look for password files").stdout()).isBlank();
        backupRestore.aChangedByteIsRefused(backup);
    }
}
