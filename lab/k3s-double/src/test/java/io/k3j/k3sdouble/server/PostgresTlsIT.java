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
 * Servers on a PostgreSQL that takes lab clients only over TLS with a client certificate
 * ({@code hostssl … clientcert=verify-full}): with the datastore files kine's DSN gets
 * sslrootcert/sslcert/sslkey and sslmode=verify-full, and the server is Ready; without a client
 * certificate, or trusting another CA, it keeps pinging and is never ready.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresTlsIT {
    private static LabCertificates pki;

    @BeforeAll
    static void postgresWithClientCertificates(Lab lab) {
        pki = LabCertificates.create(lab, "db1", "postgres");
        DoubleOnLab.postgresWithClientCertificatesOn(lab, "db1", pki);
        DoubleOnLab.publishRelease(lab);
        for (String server : new String[] {"server1", "server2", "server3"}) {
            DoubleOnLab.install(lab, server, "server");
        }
    }

    @Test
    @Order(1)
    void aServerWithTheCaAndAClientCertificateIsReady(Lab lab) {
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server1", pki.ca(), pki.client("k3s", KeyForm.TRADITIONAL_EC));

        CommandResult started = DoubleOnLab.start(lab, "server1", "k3s", config(lab) + tls);

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(lab.exec("server1", "kubectl", "get", "nodes").stdout()).contains("server1   Ready    control-plane,master");
        assertThat(lab.exec("db1", "runuser", "-u", "postgres", "--", "psql", "-At", "-d", "kubernetes", "-c",
                "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE usename = 'k3s' AND ssl AND client_dn = '/CN=k3s'")
                .orThrow("pg_stat_ssl").stdout().strip()).isNotEqualTo("0");
    }

    @Test
    @Order(2)
    void withoutAClientCertificateTheServerIsRefusedAndNeverReady(Lab lab) throws InterruptedException {
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server2", pki.ca(), null);

        String journal = DoubleOnLab.startUntilLogged(lab, "server2", "k3s", config(lab) + tls,
                "connection requires a valid client certificate");

        assertThat(journal).contains("level=error msg=\"Failed to ping database connection: ");
        assertThat(lab.exec("server2", "systemctl", "is-active", "k3s").stdout()).isEqualTo("activating\n");
        lab.exec("server2", "systemctl", "stop", "k3s").orThrow("stop");
    }

    @Test
    @Order(3)
    void trustingAnotherCaTheServerRefusesPostgresCertificateAndIsNeverReady(Lab lab) throws InterruptedException {
        LabCertificates otherCa = LabCertificates.create(lab, "db1", "other");
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server3", otherCa.ca(), pki.client("k3s", KeyForm.PKCS8_EC));

        String journal = DoubleOnLab.startUntilLogged(lab, "server3", "k3s", config(lab) + tls,
                "x509: certificate signed by unknown authority");

        assertThat(journal).contains("level=error msg=\"Failed to ping database connection: ");
        assertThat(lab.exec("server3", "systemctl", "is-active", "k3s").stdout()).isEqualTo("activating\n");
        lab.exec("server3", "systemctl", "stop", "k3s").orThrow("stop");
    }

    private static String config(Lab lab) {
        return "token: pg-tls-secret\ndatastore-endpoint: postgres://k3s:pw@" + lab.host("db1").address() + ":5432/\n";
    }
}
