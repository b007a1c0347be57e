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

    @Override
    int databaseAndUsers(Lab lab) {
        return Integer.parseInt(psql(lab, "SELECT (SELECT count(*) FROM pg_database WHERE datname = 'k3s') "
                + "+ (SELECT count(*) FROM pg_roles WHERE rolname = 'k3s')"));
    }

    @Override
    String k3jFilesLeft(Lab lab) {
        return lab.exec("db1", "sh", "-c", "ls -d /etc/postgresql/k3j-tls /etc/postgresql/*/main/conf.d/k3j.conf 2>/dev/null; "
                + "grep -h k3j-install /etc/postgresql/*/main/pg_hba.conf").stdout();
    }

    @Override
    String unit() {
        return "postgresql";
    }

    private static String psql(Lab lab, String query) {
        return lab.exec("db1", "runuser", "-u", "postgres", "--", "psql", "-XAtc", query).orThrow("psql on db1").stdout().strip();
    }
}
