package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFilesTest {
    private final CertificateAuthority ca = CertificateAuthority.create("k3s-server-ca", Instant.now());

    @Test
    void withoutAnAgentTokenNodeTokenAndAgentTokenLinkToTheServerToken(@TempDir Path dataDir) throws IOException {
        TokenFiles.write(dataDir, ca, "server-secret", Optional.empty());

        Path server = dataDir.resolve("server");
        String caHash = Token.sha256Hex(Files.readAllBytes(server.resolve("tls/server-ca.crt")));
        assertThat(Files.readString(server.resolve("token"))).isEqualTo("K10" + caHash + "::server:server-secret\n");
        assertThat(Files.getPosixFilePermissions(server.resolve("token"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readSymbolicLink(server.resolve("node-token"))).isEqualTo(Path.of("token"));
        assertThat(Files.readSymbolicLink(server.resolve("agent-token"))).isEqualTo(Path.of("token"));
    }

    @Test
    void anAgentTokenIsAFileOfItsOwnForTheNodeUser(@TempDir Path dataDir) throws IOException {
        TokenFiles.write(dataDir, ca, "server-secret", Optional.empty());
        TokenFiles.write(dataDir, ca, "server-secret", Optional.of("agent-secret"));

        Path server = dataDir.resolve("server");
        String caHash = Token.sha256Hex(Files.readAllBytes(server.resolve("tls/server-ca.crt")));
        assertThat(Files.isSymbolicLink(server.resolve("agent-token"))).isFalse();
        assertThat(Files.readString(server.resolve("agent-token"))).isEqualTo("K10" + caHash + "::node:agent-secret\n");
        assertThat(Files.getPosixFilePermissions(server.resolve("agent-token"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(server.resolve("token"))).endsWith("::server:server-secret\n");
        assertThat(Files.readString(server.resolve("node-token"))).endsWith("::server:server-secret\n");
    }
}
