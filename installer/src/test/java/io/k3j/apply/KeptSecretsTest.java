package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.Paths;
import io.k3j.ssh.Content;
import io.k3j.ssh.RunLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets read back from every server and the datastore host of mysql-haproxy.yaml (no token, no password given). */
class KeptSecretsTest {
    private static final String HASH = "0123456789abcdef".repeat(4);
    private static final String PASSWORD = "00112233445566778899aabbccddeeff";
    private static final String AGENT_PASSWORD = "ffeeddccbbaa99887766554433221100";

    @TempDir
    Path temp;

    private final FilesHost db = new FilesHost("198.51.100.5");
    private final FilesHost server1 = new FilesHost("198.51.100.11");
    private final FilesHost server2 = new FilesHost("198.51.100.12");

    @Test
    void whatEveryServerAgreesOnIsKept() {
        for (FilesHost server : new FilesHost[] {server1, server2}) {
            write(server, Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + PASSWORD + "\n");
            write(server, Paths.AGENT_TOKEN, "K10" + HASH + "::node:" + AGENT_PASSWORD + "\n");
        }
        write(db, Paths.DATASTORE_PASSWORD, AGENT_PASSWORD + "\n");

        assertThat(read()).isEqualTo(new ClusterValues.Kept(Optional.of(PASSWORD), Optional.of(AGENT_PASSWORD), Optional.of(AGENT_PASSWORD),
                Optional.of("K10" + HASH + "::node:" + AGENT_PASSWORD)));
    }

    @Test
    void aSecondServerWithAnotherTokenIsNamedRatherThanOutvotedByTheFirst() {
        write(server1, Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + PASSWORD + "\n");
        write(server2, Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + AGENT_PASSWORD + "\n");

        assertThatThrownBy(this::read).isInstanceOf(KeptSecretsConflict.class).hasMessageContaining("(198.51.100.11 / 198.51.100.12)");
    }

    @Test
    void aDatastorePasswordOfAnotherFormThanGeneratedIsRefusedNamingItsHost() {
        write(db, Paths.DATASTORE_PASSWORD, "x' OR '1'='1\n");

        assertThatThrownBy(this::read).isInstanceOf(KeptSecretsConflict.class)
                .hasMessageStartingWith("198.51.100.5: /etc/k3j/datastore-password does not hold a password k3j-install generated");
    }

    private ClusterValues.Kept read() {
        Inventory inventory = new InventoryLoader(name -> null).load(Path.of("..", "inventories", "mysql-haproxy.yaml")).inventory()
                .orElseThrow();
        ConnectedHosts hosts = new ConnectedHosts(Map.of(db.name(), db, server1.name(), server1, server2.name(), server2), Map.of(),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        return KeptSecrets.read(inventory, hosts);
    }

    private static void write(FilesHost host, String path, String text) {
        host.upload(path, Content.of(text), "0600", "root:root");
    }
}
