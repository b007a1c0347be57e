package io.k3j.k3sdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigArgsTest {
    @TempDir
    Path etc;

    @Test
    void dropInsComeInNameOrderLaterValuesWinAndPlusAppends() throws IOException {
        Path config = etc.resolve("config.yaml");
        Files.writeString(config, "token: a\nnode-label: [x=1]\nwrite-kubeconfig-mode: \"0600\"\n");
        Files.createDirectories(etc.resolve("config.yaml.d"));
        Files.writeString(etc.resolve("config.yaml.d/20-more.yaml"), "node-label+: [z=3]\n");
        Files.writeString(etc.resolve("config.yaml.d/10-first.yml"), "token: b\nnode-label+: [y=2]\n");
        Files.writeString(etc.resolve("config.yaml.d/ignored.txt"), "token: c\n");

        List<Path> files = ConfigArgs.files(config);
        Map<String, List<String>> merged = ConfigArgs.merge(files, Map.of());

        assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("config.yaml", "10-first.yml", "20-more.yaml");
        assertThat(merged.get("token")).containsExactly("b");
        assertThat(merged.get("node-label")).containsExactly("x=1", "y=2", "z=3");
        assertThat(merged.get("write-kubeconfig-mode")).containsExactly("0600");
    }

    @Test
    void theCommandLineWinsAndItsListReplacesTheFiles() throws IOException {
        Path config = etc.resolve("config.yaml");
        Files.writeString(config, "token: from-file\nnode-label: [x=1, y=2]\n");

        Map<String, List<String>> merged = ConfigArgs.merge(ConfigArgs.files(config),
                Map.of("token", List.of("from-flag"), "node-label", List.of("z=3")));

        assertThat(merged.get("token")).containsExactly("from-flag");
        assertThat(merged.get("node-label")).containsExactly("z=3");
    }

    @Test
    void noConfigFileIsNoSettings() {
        assertThat(ConfigArgs.merge(ConfigArgs.files(etc.resolve("config.yaml")), Map.of())).isEmpty();
    }
}
