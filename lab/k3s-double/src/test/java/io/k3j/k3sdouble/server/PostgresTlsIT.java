package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.lab.LabCertificates.KeyForm;
import io.k3j.lab.LabPostgres;
import io.k3j.lab.LabTopology;

/**
 * {@link SqlDatastoreTlsContract} on PostgreSQL with {@code hostssl … clientcert=verify-full}: the
 * server's DSN gets kine's sslrootcert/sslcert/sslkey and sslmode=verify-full.
 */
@LabTopology("ha-postgres")
class PostgresTlsIT extends SqlDatastoreTlsContract {

    private LabPostgres postgres;

    @Override
    void startDatastore(Lab lab, LabCertificates pki) {
        postgres = LabPostgres.withClientCertificates(lab, "db1", pki);
    }

    @Override
    String endpoint(Lab lab) {
        return "postgres://k3s:pw@" + lab.host("db1").address() + ":5432/";
    }

    @Override
    KeyForm clientKeyForm() {
        return KeyForm.TRADITIONAL_EC;
    }

    @Override
    String refusalWithoutClientCertificate() {
        return "connection requires a valid client certificate";
    }

    @Override
    void assertConnectedWithTheClientCertificate(Lab lab) {
        assertThat(postgres.psql("kubernetes",
                "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE usename = 'k3s' AND ssl AND client_dn = '/CN=k3s'")
                .orThrow("pg_stat_ssl").stdout().strip()).isNotEqualTo("0");
    }
}
