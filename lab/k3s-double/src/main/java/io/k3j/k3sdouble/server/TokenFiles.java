package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The files a K3s server writes under its data dir (pkg/server/server.go printTokens, handlers.WriteToken):
 * {@code server/token} (0600, the full token and a newline), {@code server/node-token} as a symlink
 * to it, {@code server/agent-token} a symlink too unless {@code --agent-token} is set, then a file
 * of its own (0600) in the {@code K10<ca hash>::node:<password>} form; and {@code server/tls/server-ca.crt}.
 */
final class TokenFiles {

    private TokenFiles() {
    }

    static Token write(Path dataDir, CertificateAuthority ca, String password, Optional<String> agentPassword) throws IOException {
        Path server = Files.createDirectories(dataDir.resolve("server/tls"));
        byte[] caPem = Pem.certificate(ca.certificate()).getBytes(StandardCharsets.US_ASCII);
        Files.write(server.resolve("server-ca.crt"), caPem);
        Token token = Token.full(caPem, "server", password);
        writeToken(dataDir.resolve("server/token"), token);
        linkToToken(dataDir.resolve("server/node-token"));
        Path agentToken = dataDir.resolve("server/agent-token");
        if (agentPassword.isPresent()) {
            Files.deleteIfExists(agentToken);
            writeToken(agentToken, Token.full(caPem, "node", agentPassword.get()));
        } else {
            linkToToken(agentToken);
        }
        return token;
    }

    /** handlers.WriteToken: the token and a newline, readable by root only. */
    private static void writeToken(Path file, Token token) throws IOException {
        Files.writeString(file, token.text() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void linkToToken(Path link) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("token"));
    }
}
