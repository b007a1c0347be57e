package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain-http download is allowed (a local mirror) but every command that reads the inventory says what it risks. */
class DownloadWarningTest {
    @TempDir
    Path folder;

    private Path inventory(String k3s) throws IOException {
        return Files.writeString(Files.createTempFile(folder, "inventory", ".yaml"), """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: warn}
                spec:
                  k3s:
                %s
                  datastore: {type: postgres, endpoint: "postgres://k3s:pw@198.51.100.5:5432/k3s"}
                  servers:
                    hosts: [{address: 198.51.100.11}, {address: 198.51.100.12}]
                  registration: {address: k8s.example.com}
                """.formatted(k3s.indent(4).stripTrailing()));
    }

    @Test
    void anHttpMirrorIsValidWithAWarningAtItsLine() throws IOException {
        Path file = inventory("version: v1.31.4+k3s1\nmirror: http://mirror.example.com/k3s");

        CliRun validate = CliRun.of("validate", file.toString());
        CliRun plan = CliRun.of("plan", "--offline", file.toString());

        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.err()).contains("warning: " + file + ":7:13: spec.k3s.mirror: plain http://: anyone on the "
                + "network path can change the binary and its checksum alike; use https://");
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.err()).contains("spec.k3s.mirror: plain http://");
    }

    @Test
    void anHttpScriptUrlWarnsOnlyWhenTheScriptIsUsed() throws IOException {
        Path unused = inventory("version: v1.31.4+k3s1\nscriptUrl: http://get.example.com");
        Path used = inventory("version: v1.31.4+k3s1\ninstall: script\nscriptUrl: http://get.example.com");

        assertThat(CliRun.of("validate", unused.toString()).err()).doesNotContain("warning");
        assertThat(CliRun.of("validate", used.toString()).err()).contains("spec.k3s.scriptUrl: plain http://: anyone on "
                + "the network path can change the script, which runs as root");
    }

    @Test
    void httpsSaysNothing() throws IOException {
        assertThat(CliRun.of("validate", inventory("version: v1.31.4+k3s1").toString()).err()).doesNotContain("warning");
    }
}
