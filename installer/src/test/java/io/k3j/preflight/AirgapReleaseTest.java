package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.K3sVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirgapReleaseTest {
    private static final K3sVersion TARGET = K3sVersion.parse("v1.31.4+k3s1").orElseThrow();

    @TempDir
    Path temp;

    @Test
    void aBinaryHoldingTheTargetsVersionIsTheTarget() throws IOException {
        Path binary = Files.write(temp.resolve("k3s"), binaryWith("github.com/k3s-io/k3s/pkg/version.Version=v1.31.4+k3s1"));

        assertThat(AirgapRelease.check(binary, TARGET)).isEmpty();
    }

    @Test
    void aBinaryOfAnotherReleaseIsRefusedNamingItsVersion() throws IOException {
        Path binary = Files.write(temp.resolve("k3s"), binaryWith("version.Version=v1.30.8+k3s1"));

        assertThat(AirgapRelease.check(binary, TARGET)).hasValueSatisfying(problem -> {
            assertThat(problem.host()).isEqualTo("k3s.airgap.binary");
            assertThat(problem.problem()).isEqualTo(binary + " is K3s v1.30.8+k3s1, not the v1.31.4+k3s1 k3s.version asks for");
        });
    }

    @Test
    void aFileWithoutAVersionIsNoRelease() throws IOException {
        Path binary = Files.writeString(temp.resolve("k3s"), "#!/bin/sh\necho hello\n");

        assertThat(AirgapRelease.check(binary, TARGET)).hasValueSatisfying(problem ->
                assertThat(problem.problem()).contains("holds no K3s version string"));
    }

    @Test
    void aVersionCutByTheReadBufferIsFoundWhole() throws IOException {
        byte[] padding = new byte[(1 << 20) - 5];
        byte[] bytes = concat(padding, "v1.31.4+k3s1".getBytes(StandardCharsets.US_ASCII));

        assertThat(AirgapRelease.versionsIn(new ByteArrayInputStream(bytes))).containsExactly(TARGET);
    }

    private static byte[] binaryWith(String text) {
        return concat(new byte[] {0x7f, 'E', 'L', 'F', 0, 1, 2}, text.getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0});
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
