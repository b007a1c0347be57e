package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code ${file:...}} secret others may read is used, with a warning naming the file and the fix. */
class SecretFileModeTest {
    private static final String INVENTORY = """
            apiVersion: k3j/v1
            kind: Cluster
            metadata: {name: demo}
            spec:
              k3s: {version: v1.31.4+k3s1, token: "${file:token}"}
              datastore: {type: postgres, endpoint: "postgres://k3s:${env:DB_PASSWORD}@198.51.100.5:5432/k3s"}
              servers:
                hosts: [{address: 198.51.100.11}, {address: 198.51.100.12}]
              registration: {address: k8s.example.com}
            """;

    @TempDir
    Path folder;

    private LoadResult loadWithTokenMode(String mode) throws IOException {
        Path token = Files.writeString(folder.resolve("token"), "s3cret\n");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString(mode));
        return new InventoryLoader(Map.of("DB_PASSWORD", "pw")::get).load(folder.resolve("inventory.yaml"), INVENTORY);
    }

    @Test
    void aSecretFileTheGroupOrOthersMayReadGivesAWarning() throws IOException {
        for (String mode : new String[] {"rw-r--r--", "rw-r-----"}) {
            LoadResult result = loadWithTokenMode(mode);

            assertThat(result.valid()).isTrue();
            assertThat(result.warnings()).singleElement().satisfies(warning -> {
                assertThat(warning.line()).isEqualTo(5);
                assertThat(warning.path()).isEqualTo("spec.k3s.token");
                assertThat(warning.message()).contains(folder.resolve("token").toString(), "chmod 600 " + folder.resolve("token"))
                        .doesNotContain("s3cret");
            });
        }
    }

    @Test
    void aPrivateSecretFileGivesNone() throws IOException {
        assertThat(loadWithTokenMode("rw-------").warnings()).isEmpty();
    }
}
