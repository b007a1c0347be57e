package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.cli.TokenCommand;
import io.k3j.k3sdouble.kine.MemoryStore;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import io.k3j.k3sdouble.pki.Pem;
import io.k3j.k3sdouble.pki.RenewalPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `k3s token rotate` against a supervisor on loopback: K3s' messages, the CA check, a wrong password refused. */
class TokenRotateCommandTest {
    private final MemoryStore kine = new MemoryStore();
    private final BootstrapStore bootstrap = new BootstrapStore(kine, new Log(new PrintStream(new ByteArrayOutputStream())));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dataDir;
    private Supervisor supervisor;
    private String server;
    private Token token;

    @BeforeEach
    void aServer() throws Exception {
        ClusterSecrets secrets = bootstrap.loadOrCreate("old-password");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        supervisor = Supervisor.start(port, secrets, secrets.serverCa().issueServing("k3s", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now()), kine, new NodeRegistry(kine), null, "old-password", List.of("old-password"), Duration.ofSeconds(40),
                new RenewalPolicy(90, Duration.ZERO), new TokenRotation(bootstrap, dataDir, secrets.serverCa(), "old-password", Optional.empty()));
        server = "https://127.0.0.1:" + port;
        token = Token.full(Pem.certificate(secrets.serverCa().certificate()).getBytes(StandardCharsets.US_ASCII), "server", "old-password");
    }

    @AfterEach
    void stop() {
        supervisor.stop();
    }

    @Test
    void rotatesTheTokenWithK3sWarningAndMessage() throws Exception {
        assertThat(rotate(token.text(), "--new-token", "new-password")).as(text(err)).isZero();

        assertThat(text(out)).isEqualTo("\033[33mWARNING\033[0m: Recommended to keep a record of the old token. If restoring from a snapshot, "
                + "you must use the token associated with that snapshot.\nToken rotated, restart k3s nodes with new token\n");
        assertThat(Token.parse(Files.readString(dataDir.resolve("server/token"))).password()).isEqualTo("new-password");
        assertThat(bootstrap.loadOrCreate("new-password")).isNotNull();
    }

    @Test
    void aWrongPasswordIsNotAuthorizedAndNothingChanges() throws Exception {
        assertThat(rotate(token.text().replace("old-password", "guess"), "--new-token", "new-password")).isEqualTo(1);

        assertThat(text(err)).contains("level=fatal msg=\"Error: " + server + "/v1-k3s/token: 401 ").contains("not authorized")
                .doesNotContain("guess");
        assertThat(dataDir.resolve("server/token")).doesNotExist();
    }

    @Test
    void aTokenPinningAnotherCaIsRefusedBeforeItsPasswordIsSent() throws Exception {
        String otherCa = token.text().replaceFirst("K10[0-9a-f]{64}", "K10" + "0".repeat(64));

        assertThat(rotate(otherCa, "--new-token", "new-password")).isEqualTo(1);

        assertThat(text(err)).contains("token CA hash does not match the Cluster CA certificate hash: " + "0".repeat(64) + " != ");
        assertThat(dataDir.resolve("server/token")).doesNotExist();
    }

    private int rotate(String tokenText, String... more) throws InterruptedException {
        List<String> args = new java.util.ArrayList<>(List.of("rotate", "-s", server));
        args.addAll(List.of(more));
        return new TokenCommand(new Log(new PrintStream(err, true, StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                Map.of("K3S_TOKEN", tokenText)).run(args);
    }

    private static String text(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
