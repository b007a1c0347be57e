package io.k3j.k3sdouble.kine;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.server.DoubleOnLab;
import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabEtcd;
import io.k3j.lab.LabTopology;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An etcd datastore: the lab's real etcd (Debian's etcd-server 3.4) on host1. */
@LabTopology("minimal")
class EtcdIT {
    private static LabEtcd etcd;
    private static String endpoint;

    @BeforeAll
    static void etcd(Lab lab) {
        etcd = LabEtcd.plain(lab, "host1");
        endpoint = etcd.endpoint();
    }

    @Test
    void keysAreCreatedOnceAndUpdatedOnlyFromTheirCurrentRevision() throws SQLException {
        EtcdStore store = new EtcdStore(List.of(URI.create(endpoint)), HttpClient.newHttpClient());
        byte[] v1 = "v1".getBytes(StandardCharsets.UTF_8);

        assertThat(store.create("/k3j-test/keys/one", v1)).isTrue();
        assertThat(store.create("/k3j-test/keys/one", v1)).isFalse();
        KineRow first = store.get("/k3j-test/keys/one").orElseThrow();
        assertThat(store.update("/k3j-test/keys/one", first.revision(), "v2".getBytes())).isTrue();
        assertThat(store.update("/k3j-test/keys/one", first.revision(), "stale".getBytes())).isFalse();
        assertThat(store.get("/k3j-test/keys/one").orElseThrow().value()).isEqualTo("v2".getBytes());
        assertThat(store.list("/k3j-test/keys/")).extracting(KineRow::name).contains("/k3j-test/keys/one");
        assertThat(store.list("/k3j-test/other/")).isEmpty();
    }

    @Test
    void aServerOnEtcdKeepsItsBootstrapDataThereAndIsReady(Lab lab) {
        DoubleOnLab.publishRelease(lab);
        DoubleOnLab.install(lab, "host2", "server");

        CommandResult started = DoubleOnLab.start(lab, "host2", "k3s", "token: etcd-secret\ndatastore-endpoint: " + endpoint + "\n");

        assertThat(started.exitCode()).as(started.stderr()).isZero();
        assertThat(etcd.etcdctl("get", "--prefix", "--keys-only", "/bootstrap/").stdout()).startsWith("/bootstrap/");
        assertThat(lab.exec("host2", "kubectl", "get", "nodes").stdout()).contains("host2   Ready    control-plane,master");
        lab.exec("host2", "systemctl", "stop", "k3s");
    }
}
