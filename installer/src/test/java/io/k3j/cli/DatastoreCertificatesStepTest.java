package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void certificatesKeptForOtherDatastoreHostsAreRefusedNamingTheHostsTheyMissAndTheWayOut() throws IOException {
        CliRun first = CliRun.with(Map.of(), false, "plan", "--offline", inventory("198.51.100.7").toString());
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.err() + first.out()).contains("Made the datastore's TLS certificates (a CA, the serving certificate of "
                + "198.51.100.5, 198.51.100.6, 198.51.100.7");

        CliRun changed = CliRun.with(Map.of(), false, "plan", "--offline", inventory("198.51.100.8").toString());

        assertThat(changed.exitCode()).as(changed.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(changed.err()).contains("does not name 198.51.100.8", "Remove that folder", "no host was touched");
    }
}
