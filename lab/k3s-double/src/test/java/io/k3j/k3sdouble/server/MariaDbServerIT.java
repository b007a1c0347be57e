package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabMariaDb;
import io.k3j.lab.LabTopology;
import org.junit.jupiter.api.Test;

/** The double's server on the lab's real MariaDB, through the mysql:// endpoint in the Go driver's form. */
@LabTopology("minimal")
class MariaDbServerIT {

    @Test
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
        lab.exec("host2", "systemctl", "stop", "k3s");
    }
}
