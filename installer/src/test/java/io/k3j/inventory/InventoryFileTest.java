package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are no inventory text at all: each one problem at a place, never an exception. */
class InventoryFileTest {
    private static final String VALID = """
            apiVersion: k3j/v1
            kind: Cluster
            metadata: {name: corpus}
            spec:
              k3s: {version: v1.31.4+k3s1}
              datastore: {type: postgres, endpoint: "postgres://k3s:pw@198.51.100.5:5432/k3s"}
              servers:
                hosts: [{address: 198.51.100.11}, {address: 198.51.100.12}]
              registration: {address: k8s.example.com}
            """;

    @TempDir
    Path folder;

    private List<Problem> problems(Path file) {
        LoadResult result = new InventoryLoader(Map.<String, String>of()::get).load(file);
        assertThat(result.inventory()).isEmpty();
        return result.problems();
    }

    @Test
    void aDirectoryIsNamedAsOne() {
        assertThat(problems(folder)).singleElement().satisfies(problem -> {
            assertThat(problem.format()).startsWith(folder + ":1:1: ");
            assertThat(problem.message()).contains("is a directory");
        });
    }

    @Test
    void aMissingFileIsNamedAsOne() {
        assertThat(problems(folder.resolve("nope.yaml"))).singleElement()
                .satisfies(problem -> assertThat(problem.message()).isEqualTo("no such file"));
    }

    @Test
    void aFileOverAMegabyteIsNotRead() throws IOException {
        Path huge = folder.resolve("huge.yaml");
        Files.writeString(huge, VALID + "# " + "x".repeat(InventoryText.LARGEST) + "\n");

        assertThat(problems(huge)).singleElement().satisfies(problem ->
                assertThat(problem.message()).contains("an inventory is at most 1048576"));
    }

    @Test
    void aByteThatIsNotUtf8IsShownWhereItStands() throws IOException {
        Path latin1 = folder.resolve("latin1.yaml");
        Files.write(latin1, (VALID + "# café\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(problems(latin1)).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(10);
            assertThat(problem.column()).isEqualTo(6);
            assertThat(problem.message()).startsWith("not UTF-8 (byte 0xe9");
        });
    }

    @Test
    void aBinaryFileIsRefusedAtItsFirstControlCharacter() throws IOException {
        Path binary = folder.resolve("k3s");
        Files.write(binary, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});

        assertThat(problems(binary)).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.column()).isEqualTo(1);
            assertThat(problem.message()).contains("U+007F is not allowed");
        });
    }

    @Test
    void aByteOrderMarkIsNoProblem() throws IOException {
        Path withBom = folder.resolve("bom.yaml");
        Files.writeString(withBom, "\uFEFF" + VALID);

        assertThat(new InventoryLoader(Map.<String, String>of()::get).load(withBom).problems()).isEmpty();
    }

    @Test
    void nestingDeeperThanAnyInventoryIsRefused() throws IOException {
        Path deep = folder.resolve("deep.yaml");
        Files.writeString(deep, VALID.replace("k3s: {version: v1.31.4+k3s1}",
                "k3s: {version: v1.31.4+k3s1, serverConfig: {a: " + "[".repeat(60) + "]".repeat(60) + "}}"));

        assertThat(problems(deep)).singleElement().satisfies(problem -> assertThat(problem.message()).contains("Nesting Depth"));
    }
}
