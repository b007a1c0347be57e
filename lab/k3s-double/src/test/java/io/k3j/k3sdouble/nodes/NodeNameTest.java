package io.k3j.k3sdouble.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.server.Flags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeNameTest {

    @Test
    void withoutTheFlagTheNameIsTheNodeNameAndNoIdIsMade(@TempDir Path dir) throws IOException {
        Path id = dir.resolve("node/id");

        assertThat(NodeName.of(Flags.parse(List.of("--node-name", "twin")), id)).isEqualTo("twin");
        assertThat(id).doesNotExist();
    }

    @Test
    void theNameIsLowerCasedAsK3sDoes(@TempDir Path dir) throws IOException {
        assertThat(NodeName.of(Flags.parse(List.of("--node-name", "Web-1.Example.com")), dir.resolve("id")))
                .isEqualTo("web-1.example.com");
    }

    @Test
    void withNodeIdTheNameGetsTheKeptIdAsSuffix(@TempDir Path dir) throws IOException {
        Path id = dir.resolve("node/id");
        Map<String, List<String>> settings = Flags.parse(List.of("--node-name=twin", "--with-node-id"));

        String first = NodeName.of(settings, id);

        assertThat(first).matches("twin-[0-9a-f]{8}");
        assertThat(Files.readString(id)).isEqualTo(first.substring("twin-".length()) + "\n");
        assertThat(Files.getPosixFilePermissions(id)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(NodeName.of(settings, id)).isEqualTo(first);
        assertThat(NodeName.of(settings, dir.resolve("other-host/id"))).matches("twin-[0-9a-f]{8}").isNotEqualTo(first);
    }

    @Test
    void withNodeIdFalseInTheConfigLeavesTheNameAlone(@TempDir Path dir) throws IOException {
        assertThat(NodeName.of(Map.of("node-name", List.of("twin"), "with-node-id", List.of("false")), dir.resolve("id"))).isEqualTo("twin");
    }
}
