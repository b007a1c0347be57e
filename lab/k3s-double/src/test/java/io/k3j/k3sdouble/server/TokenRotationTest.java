package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.k3sdouble.BootstrapCipher;
import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.kine.MemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server side of `k3s token rotate`: the bootstrap data moves to the new token, the token file follows. */
class TokenRotationTest {
    private final MemoryStore kine = new MemoryStore();
    private final BootstrapStore store = new BootstrapStore(kine, new Log(new PrintStream(new ByteArrayOutputStream())));

    @Test
    void theBootstrapDataMovesToTheNewTokenAndTheOldOneIsRefused(@TempDir Path dataDir) throws Exception {
        ClusterSecrets secrets = store.loadOrCreate("old-password");

        new TokenRotation(store, dataDir, secrets.serverCa(), "old-password", Optional.empty()).rotate("new-password");

        assertThat(store.loadOrCreate("new-password").serverCa().certificate()).isEqualTo(secrets.serverCa().certificate());
        assertThat(kine.list("/bootstrap/")).hasSize(1);
        assertThatThrownBy(() -> store.loadOrCreate("old-password")).isInstanceOf(BootstrapCipher.WrongTokenException.class)
                .hasMessage("bootstrap data already found and encrypted with different token");
        assertThat(Token.parse(Files.readString(dataDir.resolve("server/token"))).password()).isEqualTo("new-password");
        assertThat(Files.readSymbolicLink(dataDir.resolve("server/agent-token"))).isEqualTo(Path.of("token"));
    }

    @Test
    void noNewTokenMeansARandomOneAndAFullTokenCountsByItsPassword(@TempDir Path dataDir) throws Exception {
        ClusterSecrets secrets = store.loadOrCreate("old-password");
        TokenRotation rotation = new TokenRotation(store, dataDir, secrets.serverCa(), "old-password", Optional.of("agent-password"));

        rotation.rotate("");
        String random = Token.parse(Files.readString(dataDir.resolve("server/token"))).password();
        rotation.rotate("K10" + "a".repeat(64) + "::server:third-password");

        assertThat(random).matches("[0-9a-f]{32}");
        assertThat(store.loadOrCreate("third-password").serverCa().certificate()).isEqualTo(secrets.serverCa().certificate());
        assertThat(Token.parse(Files.readString(dataDir.resolve("server/agent-token"))).password()).isEqualTo("agent-password");
    }
}
