package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import java.util.List;

/** MariaDB with {@code provision.tls}: secure transport only, each server's account {@code REQUIRE SUBJECT '/CN=k3s'}. */
@LabTopology("ha-postgres")
class ProvisionedMariadbTlsOnLabIT extends ProvisionedSqlTlsOnLab {

    @Override
    String type() {
        return "mysql";
    }

    @Override
    String serverKey() {
        return "/etc/mysql/k3j-tls/server-key.pem";
    }

    @Override
    String owner() {
        return "mysql";
    }

    @Override
    void assertK3sUsesItsCertificate(Lab lab) {
        assertThat(lab.exec("db1", "mysql", "--user=root", "-NBe", "SELECT ssl_type, x509_subject FROM mysql.user WHERE user = 'k3s'")
                .orThrow("read the k3s accounts").stdout().strip().lines()).hasSize(SERVERS.size())
                .allMatch(line -> line.equals("SPECIFIED\t/CN=k3s"));
    }

    @Override
    int databaseAndUsers(Lab lab) {
        return Integer.parseInt(lab.exec("db1", "mysql", "--user=root", "-NBe", "SELECT (SELECT count(*) FROM information_schema.SCHEMATA "
                + "WHERE SCHEMA_NAME = 'k3s') + (SELECT count(*) FROM mysql.user WHERE User = 'k3s')").orThrow("count on db1").stdout().strip());
    }

    @Override
    String k3jFilesLeft(Lab lab) {
        return lab.exec("db1", "sh", "-c", "ls -d /etc/mysql/mariadb.conf.d/60-k3j.cnf /etc/mysql/k3j-tls 2>/dev/null").stdout();
    }

    @Override
    String unit() {
        return "mariadb";
    }

    /** Debian's mariadb.socket starts MariaDB again at the servers' next connection: stopped with it, it stays down. */
    @Override
    List<String> stopped() {
        return List.of("mariadb.socket", unit());
    }
}
