package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.lab.LabCertificates.KeyForm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a server does on a SQL datastore (on db1) that takes it only over TLS with a client
 * certificate: with the CA and a client certificate it is Ready; without a client certificate,
 * or trusting another CA, it keeps pinging ({@code Failed to ping database connection: …}) and is
 * never ready. Each datastore's test says how to start it and what it answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SqlDatastoreTlsContract {
    private LabCertificates pki;

    /** Starts the datastore on db1 with a serving certificate of {@code pki}, requiring client certificates of it. */
    abstract void startDatastore(Lab lab, LabCertificates pki);

    /** The datastore-endpoint for db1. */
    abstract String endpoint(Lab lab);

    /** The client key's form, so that both key forms Go reads are used somewhere. */
    abstract KeyForm clientKeyForm();

    /** What the datastore answers a client without a certificate. */
    abstract String refusalWithoutClientCertificate();

    /** Checks on the datastore that server1 is connected, and with its client certificate. */
    abstract void assertConnectedWithTheClientCertificate(Lab lab);

    @BeforeAll
    void datastoreAndServers(Lab lab) {
        pki = LabCertificates.create(lab, "db1", "datastore");
        startDatastore(lab, pki);
        DoubleOnLab.publishRelease(lab);
        for (String server : new String[] {"server1", "server2", "server3"}) {
            DoubleOnLab.install(lab, server, "server");
        }
    }

    @Test
    @Order(1)
    void aServerWithTheCaAndAClientCertificateIsReady(Lab lab) {
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server1", pki.ca(), pki.client("k3s", clientKeyForm()));

        CommandResult started = DoubleOnLab.start(lab, "server1", "k3s", config(lab) + tls);

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(lab.exec("server1", "kubectl", "get", "nodes").stdout()).contains("server1   Ready    control-plane,master");
        assertConnectedWithTheClientCertificate(lab);
    }

    @Test
    @Order(2)
    void withoutAClientCertificateTheServerIsRefusedAndNeverReady(Lab lab) throws InterruptedException {
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server2", pki.ca(), null);

        assertKeepsPinging(lab, "server2", tls, refusalWithoutClientCertificate());
    }

    @Test
    @Order(3)
    void trustingAnotherCaTheServerRefusesTheDatastoresCertificateAndIsNeverReady(Lab lab) throws InterruptedException {
        LabCertificates otherCa = LabCertificates.create(lab, "db1", "other");
        String tls = DoubleOnLab.giveDatastoreTls(lab, "server3", otherCa.ca(), pki.client("k3s", KeyForm.PKCS8_EC));

        assertKeepsPinging(lab, "server3", tls, "x509: certificate signed by unknown authority");
    }

    private void assertKeepsPinging(Lab lab, String server, String tls, String answer) throws InterruptedException {
        // The ping's error comes after the database check's warnings, which name the same refusal.
        String ping = "level=error msg=\"Failed to ping database connection: ";
        String journal = DoubleOnLab.startUntilLogged(lab, server, "k3s", config(lab) + tls, ping);

        assertThat(journal.substring(journal.indexOf(ping))).contains(answer);
        assertThat(lab.exec(server, "systemctl", "is-active", "k3s").stdout()).isEqualTo("activating\n");
        lab.exec(server, "systemctl", "stop", "k3s").orThrow("stop " + server);
    }

    private String config(Lab lab) {
        return "token: sql-tls-secret\ndatastore-endpoint: " + endpoint(lab) + "\n";
    }
}
