package io.k3j.k3sdouble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.KeptCertificate;
import io.k3j.k3sdouble.pki.LeafFile;
import io.k3j.k3sdouble.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `k3s certificate check` and `rotate` on a data dir: server or agent by the server dir, K3s' messages, the backup. */
class CertificateCommandTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final CertificateCommand command = new CertificateCommand(new Log(new PrintStream(logged, true, StandardCharsets.UTF_8)),
            Map.of(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final CertificateAuthority ca = CertificateAuthority.create("k3s-client-ca", NOW);

    @Test
    void checkOnAServerReportsItsCertificatesAndTheirCas(@TempDir Path dataDir) throws Exception {
        KeptCertificate.write(dataDir, LeafFile.ADMIN, ca.issueClient("system:admin", "system:masters", NOW), ca.certificate());

        assertThat(command.run(List.of("check", "--data-dir", dataDir.toString()))).isZero();

        assertThat(log()).contains("level=info msg=\"Server detected, checking agent and server certificates\"")
                .contains("level=info msg=\"client-admin.crt: certificate system:admin (ClientAuth) is ok, expires at 2027-06-01T00:00:00Z\"")
                .contains("client-admin.crt: certificate k3s-client-ca@1780272000 (CertSign) is ok");
    }

    @Test
    void rotateOnAnAgentBacksUpAndDeletesItsKubeletCertificate(@TempDir Path dataDir) throws Exception {
        KeptCertificate.write(dataDir, LeafFile.KUBELET, ca.issueClient("system:node:worker1", "system:nodes", NOW), ca.certificate());

        assertThat(command.run(List.of("rotate", "-d", dataDir.toString()))).isZero();

        Path backup = dataDir.resolve("agent/tls-" + NOW.getEpochSecond());
        assertThat(LeafFile.KUBELET.certificate(dataDir)).doesNotExist();
        assertThat(LeafFile.KUBELET.key(dataDir)).doesNotExist();
        assertThat(backup.resolve("client-kubelet.crt")).exists();
        assertThat(backup.resolve("client-kubelet.key")).exists();
        assertThat(log()).contains("msg=\"Agent detected, rotating agent certificates\"").contains("msg=\"Rotating certificates for kubelet\"")
                .contains("msg=\"Successfully backed up certificates to " + backup + ", please restart k3s server or agent to rotate certificates\"");
    }

    @Test
    void rotateOfOneServiceOnAServerCopiesServerTlsAndDeletesOnlyThatService(@TempDir Path dataDir) throws Exception {
        KeptCertificate.write(dataDir, LeafFile.ADMIN, ca.issueClient("system:admin", "system:masters", NOW), ca.certificate());
        KeptCertificate.write(dataDir, LeafFile.SERVING, ca.issueServing("k3s", List.of("localhost"), List.of("127.0.0.1"), NOW),
                ca.certificate());

        assertThat(command.run(List.of("rotate", "--service", "admin", "--data-dir", dataDir.toString()))).isZero();

        assertThat(LeafFile.ADMIN.certificate(dataDir)).doesNotExist();
        assertThat(LeafFile.SERVING.certificate(dataDir)).exists();
        assertThat(Files.list(dataDir.resolve("server/tls-" + NOW.getEpochSecond())).map(path -> path.getFileName().toString()))
                .contains("client-admin.crt", "client-admin.key", "serving-kube-apiserver.crt");
    }

    @Test
    void anUnknownServiceIsRefusedAsK3sRefusesIt(@TempDir Path dataDir) {
        assertThat(command.run(List.of("rotate", "-s", "kubelet,nginx", "-d", dataDir.toString()))).isEqualTo(1);
        assertThat(log()).contains("level=fatal msg=\"Error: service nginx is not recognized\"");
    }

    private String log() {
        return logged.toString(StandardCharsets.UTF_8);
    }
}
