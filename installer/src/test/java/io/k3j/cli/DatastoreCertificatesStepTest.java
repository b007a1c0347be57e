package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.k3j.pki.ServingNames;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreCertificatesStepTest {
    @TempDir
    Path temp;

    private Path inventory(String thirdMember) throws IOException {
        return Files.writeString(temp.resolve("inventory.yaml"), """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: durable}
                spec:
                  k3s: {version: v1.31.4+k3s1}
                  datastore:
                    type: etcd
                    provision:
                      hosts: [{address: 198.51.100.5}, {address: 198.51.100.6}, {address: %s}]
                      tls: true
                  servers:
                    hosts: [{address: 198.51.100.11}, {address: 198.51.100.12}]
                  registration: {address: k8s.example.com}
                """.formatted(thirdMember));
    }

    @Test
    void aServingCertificateThatMissesANewDatastoreHostIsMadeAgainWithTheKeptCaAndTheClientsCertificateStays() throws Exception {
        CliRun first = CliRun.with(Map.of(), false, "plan", "--offline", inventory("198.51.100.7").toString());
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.err() + first.out()).contains("Made the datastore's TLS certificates (a CA, the serving certificate of "
                + "198.51.100.5, 198.51.100.6, 198.51.100.7");
        Path kept = temp.resolve(".k3j/pki/durable");
        String ca = Files.readString(kept.resolve("ca.pem"));
        String client = Files.readString(kept.resolve("client.pem"));
        String serverKey = Files.readString(kept.resolve("server-key.pem"));

        CliRun changed = CliRun.with(Map.of(), false, "plan", "--offline", inventory("198.51.100.8").toString());

        assertThat(changed.exitCode()).as(changed.all()).isZero();
        assertThat(changed.err() + changed.out()).contains("did not name 198.51.100.8: made a new one with the kept CA for "
                + "198.51.100.5, 198.51.100.6, 198.51.100.8");
        assertThat(ServingNames.missing(kept.resolve("server.pem"), List.of("198.51.100.5", "198.51.100.6", "198.51.100.8"))).isEmpty();
        assertThat(Files.readString(kept.resolve("server-key.pem"))).isNotEqualTo(serverKey);
        assertThat(Files.readString(kept.resolve("ca.pem"))).isEqualTo(ca);
        assertThat(Files.readString(kept.resolve("client.pem"))).isEqualTo(client);
        assertThat(Files.getPosixFilePermissions(kept.resolve("server-key.pem"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate caCertificate = (X509Certificate) x509.generateCertificate(Files.newInputStream(kept.resolve("ca.pem")));
        X509Certificate server = (X509Certificate) x509.generateCertificate(Files.newInputStream(kept.resolve("server.pem")));
        server.verify(caCertificate.getPublicKey());
        assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");

        CliRun again = CliRun.with(Map.of(), false, "plan", "--offline", inventory("198.51.100.8").toString());
        assertThat(again.err() + again.out()).doesNotContain("made a new one");
    }
}
