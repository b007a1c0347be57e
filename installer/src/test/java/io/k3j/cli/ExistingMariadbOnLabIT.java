package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.lab.LabMariaDb;
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
 * A whole install onto what the operator already runs: a MariaDB on db1 that takes the servers
 * only over TLS with a client certificate ({@code REQUIRE X509}, its own CA; the client key in the
 * traditional RSA form) and an HAProxy on lb1, both set up here, the installer only checking them.
 * SSH as {@code ops}, a user with sudo. First a wrong database password, then the wrong CA, which
 * must stop apply at the datastore check before any server is touched; then the install; then a
 * backup of that existing MariaDB, taken from the first server, and its restore ({@link BackupRestoreOnLab}).
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExistingMariadbOnLabIT {
    private static final String DB_PASSWORD = "lab-mariadb-secret";
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");

    @TempDir
    static Path temp;

    private static LabCertificates pki;
    private static LabMariaDb mariaDb;
    private static Path inventory;

    @BeforeAll
    static void setUp(Lab lab) throws IOException {
        lab.publish(LabCluster.RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
        pki = LabCertificates.create(lab, "db1", "mariadb");
        runMariadb(lab);
        runHaproxy(lab);
        inventory = inventory(lab, pki.ca(), "inventory.yaml");
    }

    /** The inventory, its datastore.tls trusting {@code caFile}, as {@code name} in the test's directory. */
    private static Path inventory(Lab lab, Path caFile, String name) throws IOException {
        LabCertificates.CertificateFiles client = pki.client("k3s", LabCertificates.KeyForm.TRADITIONAL_RSA);
        return Files.writeString(temp.resolve(name), LabInventory.head(lab, "existing", "ops") + """
                  datastore:
                    type: mysql
                    endpoint: "mysql://k3s:${env:K3S_DB_PASSWORD}@tcp(%s:3306)/k3s"
                    tls: {caFile: "%s", certFile: "%s", keyFile: "%s"}
                  servers:
                    hosts: [%s]
                  registration:
                    address: %s
                    mode: existing
                  workers:
                    hosts: [%s]
                """.formatted(lab.host("db1").address(), caFile, client.certificate(), client.key(),
                LabInventory.hostList(lab, "server"), lab.host("lb1").address(), LabInventory.hostList(lab, "worker")));
    }

    /** MariaDB listening on the lab network over TLS, with a database for the servers and the account's own password. */
    private static void runMariadb(Lab lab) {
        mariaDb = LabMariaDb.withClientCertificates(lab, "db1", pki);
        mariaDb.mysql("CREATE DATABASE k3s; SET PASSWORD FOR '" + LabMariaDb.USER + "'@'%' = PASSWORD('" + DB_PASSWORD + "');")
                .orThrow("create the k3s database");
    }

    /** A layer-4 HAProxy in front of the three servers, as an operator's existing load balancer. */
    private static void runHaproxy(Lab lab) {
        StringBuilder config = new StringBuilder("""
                defaults
                  mode tcp
                  timeout connect 5s
                  timeout client 1h
                  timeout server 1h
                frontend k3s
                  bind :6443
                  default_backend servers
                backend servers
                  option tcp-check
                """);
        SERVERS.forEach(server -> config.append("  server ").append(server).append(' ').append(lab.host(server).address())
                .append(":6443 check inter 1s\n"));
        lab.exec("lb1", "sh", "-c", "printf '%s' \"$0\" > /etc/haproxy/haproxy.cfg && systemctl restart haproxy", config.toString())
                .orThrow("start haproxy on lb1");
    }

    private static CliRun apply(String password) {
        return apply(inventory, password);
    }

    private static CliRun apply(Path inventory, String password) {
        return CliRun.onInventory(Map.of("K3S_DB_PASSWORD", password), "apply", inventory, temp,
                "--kubeconfig=" + temp.resolve("kubeconfig"));
    }

    @Test
    @Order(1)
    void aWrongDatabasePasswordStopsApplyAtTheDatastoreCheckBeforeAnyServerIsTouched(Lab lab) {
        CliRun run = apply("not-the-password");

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(run.err()).contains("step 1. Datastore").contains(lab.host("server1").address())
                .contains("login refused for user k3s").contains("Access denied")
                .contains("Check the user and password in datastore.endpoint");
        assertThat(run.all()).doesNotContain("not-the-password");
        LabCluster.assertNothingOfOursOn(lab, List.of("server1", "server2", "server3", "worker1", "worker2"));
    }

    @Test
    @Order(2)
    void theWrongCaStopsApplyAtTheDatastoreCheckBeforeAnyServerIsTouched(Lab lab) throws IOException {
        Path otherCa = LabCertificates.create(lab, "db1", "not-mariadbs").ca();

        CliRun run = apply(inventory(lab, otherCa, "inventory-other-ca.yaml"), DB_PASSWORD);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(run.err()).contains("step 1. Datastore")
                .contains("MySQL at " + lab.host("db1").address() + ":3306 serves a certificate that datastore.tls.caFile did not sign")
                .contains("Set datastore.tls.caFile to the CA that signed MySQL's serving certificate");
        LabCluster.assertNothingOfOursOn(lab, List.of("server1", "server2", "server3", "worker1", "worker2"));
    }

    @Test
    @Order(3)
    void withTheRightPasswordTheClusterComesUpBehindTheExistingLoadBalancer(Lab lab) throws IOException {
        CliRun run = apply(DB_PASSWORD);

        assertThat(run.exitCode()).as(run.all()).isZero();
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server2"), SERVERS, WORKERS);
        String kineTable = mariaDb.mysql("SELECT COUNT(*) FROM k3s.kine").orThrow("count kine rows").stdout();
        assertThat(Long.parseLong(kineTable.strip())).as("rows in kine's table").isPositive();
        assertThat(Files.readString(temp.resolve("kubeconfig"))).contains("server: https://" + lab.host("lb1").address() + ":6443");
        assertThat(LabCluster.kubectlFromThisMachine(lab, temp.resolve("kubeconfig"), "get", "nodes")).contains("worker1");
        assertThat(run.all() + Files.readString(temp.resolve("run.log"))).doesNotContain(DB_PASSWORD);
        // The servers connect to the datastore as the inventory says; the load balancer is not ours to change.
        assertThat(lab.exec("lb1", "grep", "-c", "k3j", "/etc/haproxy/haproxy.cfg").stdout().strip()).isEqualTo("0");
    }

    @Test
    @Order(4)
    void aSecondApplyChangesNothing(Lab lab) {
        String before = LabCluster.invocations(lab, SERVERS, WORKERS);

        CliRun run = apply(DB_PASSWORD);

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("no changes: every host already matched the inventory");
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).isEqualTo(before);
    }

    @Test
    @Order(5)
    void aBackupTakenFromTheFirstServerRestoresTheClusterAsItWasAndAChangedByteIsRefused(Lab lab) throws IOException {
        BackupRestoreOnLab backupRestore = new BackupRestoreOnLab(InstalledOnLab.in(lab, temp, Map.of("K3S_DB_PASSWORD", DB_PASSWORD)));

        Path backup = backupRestore.backUpChangeAndRestore(SERVERS, WORKERS);

        assertThat(Files.readString(backup.resolve("backup.yaml"))).contains("datastore: \"mysql\"", "datastoreOrigin: \"existing\"",
                "dumpedOn: \"" + lab.host("server1").address() + "\"");
        assertThat(Files.readString(backup.resolve("datastore.sql"))).contains("DROP TABLE IF EXISTS `kine`");
        assertThat(Files.readString(temp.resolve("run.log"))).doesNotContain(DB_PASSWORD);
        // The option file with the password went with the dump and the load that used it.
        assertThat(lab.exec("server1", "find", "/tmp", "-name", "client.cnf").orThrow("look for option files").stdout()).isBlank();
        backupRestore.aChangedByteIsRefused(backup);
    }
}
