package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabMariaDb;
import io.k3j.lab.LabTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The double's server on the lab's real MariaDB, through the mysql:// endpoint in the Go driver's
 * form; then how it starts (503 until its apiserver runs) and rides over a restart of MariaDB.
 */
@LabTopology("minimal")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbServerIT {
    private static final String NOT_READY = "Error from server (ServiceUnavailable): apiserver not ready";

    @Test
    @Order(1)
    void aServerOnMariaDbCreatesTheDatabaseAndKinesTableAndIsReady(Lab lab) {
        LabMariaDb.plain(lab, "host1");
        DoubleOnLab.publishRelease(lab);
        DoubleOnLab.install(lab, "host2", "server");

        // No database in the endpoint: kine's default, "kubernetes", created by the server.
        CommandResult started = DoubleOnLab.start(lab, "host2", "k3s", "token: maria-secret\n"
                + "datastore-endpoint: mysql://k3s:pw@tcp(" + lab.host("host1").address() + ":3306)/\n");

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(lab.exec("host1", "mysql", "-N", "-e", "SELECT COUNT(*) FROM kubernetes.kine WHERE name LIKE '/bootstrap/%'")
                .stdout().strip()).isEqualTo("1");
        assertThat(lab.exec("host2", "kubectl", "get", "nodes").stdout()).contains("host2   Ready    control-plane,master");
    }

    @Test
    @Order(2)
    void whileItStartsTheServerAnswers503ApiserverNotReadyThenServes(Lab lab) throws InterruptedException {
        // Long enough a start-up for kubectl to be answered inside it.
        lab.exec("host2", "sed", "-i", "s/^K3S_DOUBLE_STARTUP_DELAY=.*/K3S_DOUBLE_STARTUP_DELAY=20/", "/etc/default/k3s").orThrow("delay");
        String cursor = DoubleOnLab.journalCursor(lab, "host2", "k3s");
        lab.exec("host2", "systemctl", "restart", "--no-block", "k3s").orThrow("restart");
        DoubleOnLab.awaitLoggedAfter(lab, "host2", "k3s", cursor, "Waiting for API server to become available");

        CommandResult starting = lab.exec("host2", "k3s", "kubectl", "get", "nodes");
        CommandResult started = lab.exec("host2", "timeout", "60", "systemctl", "start", "k3s");

        assertThat(starting.exitCode()).isNotZero();
        assertThat(starting.stderr()).contains(NOT_READY);
        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(lab.exec("host2", "k3s", "kubectl", "get", "nodes").orThrow("get nodes once ready").stdout()).contains("host2 ");
    }

    @Test
    @Order(3)
    void afterMariaDbRestartsTheServerReconnectsAndServesAgain(Lab lab) throws InterruptedException {
        String cursor = DoubleOnLab.journalCursor(lab, "host2", "k3s");
        // Its socket unit too: Debian's mariadb.socket listens on 3306 and would start MariaDB again at the first reconnect.
        lab.exec("host1", "systemctl", "stop", "mariadb.socket", "mariadb.service").orThrow("stop mariadb");
        String away = DoubleOnLab.awaitLoggedAfter(lab, "host2", "k3s", cursor, "level=error msg=\"fail to list latest changes: ");
        CommandResult whileAway = lab.exec("host2", "k3s", "kubectl", "get", "nodes");
        lab.exec("host1", "systemctl", "start", "mariadb.socket", "mariadb.service").orThrow("start mariadb");

        assertThat(whileAway.exitCode()).isNotZero();
        assertThat(whileAway.stderr()).contains("Error from server (InternalError): Internal error occurred: ");
        assertThat(away).doesNotContain("pw@");
        assertThat(lab.exec("host2", "k3s", "kubectl", "wait", "--for=condition=Ready", "node/host2", "--timeout=60s")
                .orThrow("the node Ready again after MariaDB came back").stdout()).contains("condition met");
        assertThat(lab.exec("host2", "systemctl", "is-active", "k3s").stdout()).isEqualTo("active\n");
    }

    @AfterAll
    static void stop(Lab lab) {
        lab.exec("host2", "systemctl", "stop", "k3s");
    }
}
