package io.k3j.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Datastore;
import io.k3j.testing.ExampleInventories;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatastoreCommandsTest {

    private static Datastore.Provision provision(String database) {
        Datastore.Provision example = ExampleInventories.load("airgap.yaml").datastore().provision().orElseThrow();
        return new Datastore.Provision(example.host(), database, example.user(), Optional.empty(), false, Optional.empty());
    }

    @Test
    void eachDumpNamesTheDatabaseAsOneShellWordAndNeedsNoPassword() {
        assertThat(DatastoreCommands.dump(Datastore.Type.postgres, provision("k3s")))
                .isEqualTo("runuser -u postgres -- pg_dump --format=custom --dbname='k3s'");
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
        String script = DatastoreCommands.etcdRestore("db$(id)", "http://127.0.0.1:2380");

        assertThat(script).contains("--name 'db$(id)' --initial-cluster 'db$(id)=http://127.0.0.1:2380'",
                "--data-dir '/var/lib/etcd/k3j.restoring'");
        assertThat(script.indexOf("snapshot restore")).isLessThan(script.indexOf("systemctl stop k3j-etcd"));
        assertThat(script.indexOf("mv '/var/lib/etcd/k3j' '/var/lib/etcd/k3j.before-restore'"))
                .isLessThan(script.indexOf("mv '/var/lib/etcd/k3j.restoring' '/var/lib/etcd/k3j'"));
        assertThat(script).endsWith("systemctl start k3j-etcd\n");
    }
}
