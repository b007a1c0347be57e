package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The server side of {@code k3s token rotate} (pkg/server/token.go tokenRotate): an empty new
 * token becomes a random password (util.Random(16)); the bootstrap data moves to the new token
 * ({@link BootstrapStore#rotate}); {@code server/token} is written with it, and so the agent token
 * too unless {@code --agent-token} is set. As on K3s, this server goes on accepting the old token
 * until it restarts; every server is then restarted with the new one.
 */
final class TokenRotation {
    private final BootstrapStore store;
    private final Path dataDir;
    private final CertificateAuthority serverCa;
    private final Optional<String> agentPassword;
    private String password;

    TokenRotation(BootstrapStore store, Path dataDir, CertificateAuthority serverCa, String password, Optional<String> agentPassword) {
        this.store = store;
        this.dataDir = dataDir;
        this.serverCa = serverCa;
        this.password = password;
        this.agentPassword = agentPassword;
    }

    synchronized void rotate(String newToken) throws SQLException, IOException {
        String newPassword = newToken.isBlank() ? Token.randomPassword() : Token.parse(newToken).password();
        store.rotate(password, newPassword);
        TokenFiles.write(dataDir, serverCa, newPassword, agentPassword);
        password = newPassword;
    }
}
