package io.k3j.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.plan.EtcdMember;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.TestHosts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatastoreCommandsTest {

    private static Datastore.Provision provision(String database) {
        Datastore.Provision example = ExampleInventories.load("airgap.yaml").datastore().provision().orElseThrow();
        return new Datastore.Provision(example.hosts(), database, example.user(), Optional.empty(), false, Optional.empty());
    }

    private static Host host(String address) {
        return TestHosts.at(address);
    }

    @Test
    void eachDumpNamesTheDatabaseAsOneShellWordAndNeedsNoPassword() {
        assertThat(DatastoreCommands.dump(Datastore.Type.postgres, provision("k3s")))
                .isEqualTo("runuser -u postgres -- pg_dump --format=custom --compress=1 --dbname='k3s'");
        assertThat(DatastoreCommands.dump(Datastore.Type.mysql, provision("it's")))
                .isEqualTo("mysqldump --user=root --single-transaction --hex-blob --default-character-set=utf8mb4 --add-drop-table 'it'\\''s'");
        assertThat(DatastoreCommands.load(Datastore.Type.postgres, provision("k3s"))).startsWith("runuser -u postgres -- pg_restore --clean")
                .endsWith("--dbname='k3s'");
    }

    @Test
    void etcdSavesIntoAFolderOfItsOwnAndPrintsOnlyTheSnapshot() {
        assertThat(DatastoreCommands.dump(Datastore.Type.etcd, provision("k3s")))
                .contains("mktemp -d", "trap 'rm -rf \"$d\"' EXIT", "etcdctl --endpoints=http://127.0.0.1:2379 snapshot save \"$d/snapshot.db\" >&2",
                        "&& cat \"$d/snapshot.db\"");
    }

    @Test
    void etcdRestoresIntoAFreshFolderWithTheMembersNameThenSwapsItIn() {
        EtcdMember member = new EtcdMember(host("198.51.100.5"), "db$(id)", EtcdMember.LOOPBACK_PEER_URL);
        String script = DatastoreCommands.etcdRestore(member, List.of(member), "lab");

        assertThat(script).contains("--name 'db$(id)' --initial-cluster 'db$(id)=http://127.0.0.1:2380'",
                "--data-dir '/var/lib/etcd/k3j.restoring'");
        assertThat(script.indexOf("snapshot restore")).isLessThan(script.indexOf("systemctl stop k3j-etcd"));
        assertThat(script.indexOf("mv '/var/lib/etcd/k3j' '/var/lib/etcd/k3j.before-restore'"))
                .isLessThan(script.indexOf("mv '/var/lib/etcd/k3j.restoring' '/var/lib/etcd/k3j'"));
        assertThat(script).doesNotContain("--initial-cluster-token").endsWith("systemctl start k3j-etcd\n");
    }

    @Test
    void aClusterMemberIsRestoredWithEveryMemberAndTheClustersTokenAndStartsWithoutWaitingForTheOthers() {
        List<EtcdMember> members = EtcdMember.of(new Datastore.Provision(List.of(host("198.51.100.5"), host("198.51.100.6"),
                host("198.51.100.7")), "k3s", "k3s", Optional.empty(), true, Optional.empty()));

        String script = DatastoreCommands.etcdRestore(members.get(1), members, "lab");

        assertThat(script).contains("--name '198.51.100.6' --initial-cluster '198.51.100.5=https://198.51.100.5:2380,"
                + "198.51.100.6=https://198.51.100.6:2380,198.51.100.7=https://198.51.100.7:2380' --initial-advertise-peer-urls "
                + "'https://198.51.100.6:2380' --initial-cluster-token 'lab'");
        assertThat(script).endsWith("systemctl start --no-block k3j-etcd\n");
    }
}
