package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.lab.LabCertificates.KeyForm;
import io.k3j.lab.LabMariaDb;
import io.k3j.lab.LabTopology;

/**
 * {@link SqlDatastoreTlsContract} on MariaDB whose user must come with a client certificate
 * ({@code REQUIRE X509}): the driver gets kine's TLS config of the CA and the client certificate.
 */
@LabTopology("ha-postgres")
class MariaDbTlsIT extends SqlDatastoreTlsContract {

    private LabMariaDb mariaDb;

    @Override
    void startDatastore(Lab lab, LabCertificates pki) {
        mariaDb = LabMariaDb.withClientCertificates(lab, "db1", pki);
    }

    @Override
    String endpoint(Lab lab) {
        return "mysql://k3s:pw@tcp(" + lab.host("db1").address() + ":3306)/";
    }

    @Override
    KeyForm clientKeyForm() {
        return KeyForm.TRADITIONAL_RSA;
    }

    @Override
    String refusalWithoutClientCertificate() {
        return "Access denied for user 'k3s'";
    }

    /** REQUIRE X509 lets k3s in only with its certificate: kine's table filled is the proof. */
    @Override
    void assertConnectedWithTheClientCertificate(Lab lab) {
        assertThat(mariaDb.mysql("SELECT COUNT(*) FROM kubernetes.kine WHERE name LIKE '/bootstrap/%'")
                .orThrow("kine table").stdout().strip()).isEqualTo("1");
    }
}
