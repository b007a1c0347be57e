package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;

/** PostgreSQL with {@code provision.tls}: only {@code hostssl} lines with {@code clientcert=verify-full}. */
@LabTopology("ha-postgres")
class ProvisionedPostgresTlsOnLabIT extends ProvisionedSqlTlsOnLab {

    @Override
    String type() {
        return "postgres";
    }

    @Override
    String serverKey() {
        return "/etc/postgresql/k3j-tls/server-key.pem";
    }

    @Override
    String owner() {
        return "postgres";
    }

    @Override
    void assertK3sUsesItsCertificate(Lab lab) {
        assertThat(psql(lab, "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) "
                + "WHERE usename = 'k3s' AND ssl AND client_dn = '/CN=k3s'")).as("K3s' connections with its certificate").isNotEqualTo("0");
        assertThat(psql(lab, "SELECT count(*) FROM pg_stat_ssl JOIN pg_stat_activity USING (pid) WHERE usename = 'k3s' AND NOT ssl"))
                .as("K3s' plain connections").isEqualTo("0");
    }

    private static String psql(Lab lab, String query) {
        return lab.exec("db1", "runuser", "-u", "postgres", "--", "psql", "-XAtc", query).orThrow("psql on db1").stdout().strip();
    }
}
