package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The files a K3s server writes under its data dir (pkg/server/server.go printTokens, handlers.WriteToken):
 * {@code server/token} (0600, the full token and a newline), {@code server/node-token} and
 * {@code server/agent-token} as symlinks to it, and {@code server/tls/server-ca.crt}.
 */
final class TokenFiles {

    private TokenFiles() {
    }

    static Token write(Path dataDir, CertificateAuthority ca, String password) throws IOException {
        Path server = Files.createDirectories(dataDir.resolve("server/tls"));
        byte[] caPem = Pem.certificate(ca.certificate()).getBytes(StandardCharsets.US_ASCII);
        Files.write(server.resolve("server-ca.crt"), caPem);
        Token token = Token.full(caPem, "server", password);
        Path tokenFile = dataDir.resolve("server/token");
        Files.writeString(tokenFile, token.text() + "\n");
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        for (String link : new String[] {"node-token", "agent-token"}) {
            Path path = dataDir.resolve("server/" + link);
            Files.deleteIfExists(path);
            Files.createSymbolicLink(path, Path.of("token"));
        }
        return token;
    }
}
