package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.lab.LabCertificates.KeyForm;
import io.k3j.lab.LabTopology;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Servers on a MariaDB whose user must come over TLS with a client certificate ({@code REQUIRE
 * X509}): with the datastore files the server is Ready; without a client certificate, or
 * trusting another CA, it keeps pinging and is never ready.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbTlsIT {
    private static LabCertificates pki;

    @BeforeAll
    static void mariaDbWithClientCertificates(Lab lab) {
        pki = LabCertificates.create(lab, "db1", "mariadb");
        DoubleOnLab.mariaDbWithClientCertificatesOn(lab, "db1", pki);
        DoubleOnLab.publishRelease(lab);
        for (String server : new String[] {"server1", "server2", "server3"}) {
            DoubleOnLab.install(lab, server, "server");
        }
    }

    @Test
    @Order(1)
    void aServerWithTheCaAndAClientCertificateIsReady(Lab lab) {
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server1", pki.ca(), pki.client("k3s", KeyForm.TRADITIONAL_RSA));

        CommandResult started = DoubleOnLab.start(lab, "server1", "k3s", config(lab) + tls);

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(lab.exec("server1", "kubectl", "get", "nodes").stdout()).contains("server1   Ready    control-plane,master");
        assertThat(lab.exec("db1", "mysql", "-N", "-e", "SELECT COUNT(*) FROM kubernetes.kine WHERE name LIKE '/bootstrap/%'")
                .orThrow("kine table").stdout().strip()).isEqualTo("1");
    }

    @Test
    @Order(2)
    void withoutAClientCertificateTheServerIsDeniedAndNeverReady(Lab lab) throws InterruptedException {
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server2", pki.ca(), null);

        String journal = DoubleOnLab.startUntilLogged(lab, "server2", "k3s", config(lab) + tls, "Access denied for user 'k3s'");

        assertThat(journal).contains("level=error msg=\"Failed to ping database connection: ");
        assertThat(lab.exec("server2", "systemctl", "is-active", "k3s").stdout()).isEqualTo("activating\n");
        lab.exec("server2", "systemctl", "stop", "k3s").orThrow("stop");
    }

    @Test
    @Order(3)
    void trustingAnotherCaTheServerRefusesMariaDbsCertificateAndIsNeverReady(Lab lab) throws InterruptedException {
        LabCertificates otherCa = LabCertificates.create(lab, "db1", "other");
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server3", otherCa.ca(), pki.client("k3s", KeyForm.PKCS8_EC));

        String journal = DoubleOnLab.startUntilLogged(lab, "server3", "k3s", config(lab) + tls,
                "x509: certificate signed by unknown authority");

        assertThat(journal).contains("level=error msg=\"Failed to ping database connection: ");
        assertThat(lab.exec("server3", "systemctl", "is-active", "k3s").stdout()).isEqualTo("activating\n");
        lab.exec("server3", "systemctl", "stop", "k3s").orThrow("stop");
    }

    private static String config(Lab lab) {
        return "token: maria-tls-secret\ndatastore-endpoint: mysql://k3s:pw@tcp(" + lab.host("db1").address() + ":3306)/\n";
    }
}
