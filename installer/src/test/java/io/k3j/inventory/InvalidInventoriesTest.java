package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed corpus: each file in src/test/resources/inventory/invalid/ states the problems it
 * must give, one {@code # expect: LINE:COLUMN: PATH: MESSAGE-PART} comment each, and gives exactly those.
 */
class InvalidInventoriesTest {
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): ([^:]*): (.+)");
    private static final Map<String, String> ENVIRONMENT = Map.of("K3S_TOKEN", "corpus-secret-token", "DB_PASSWORD", "corpus-secret-pw");

    record Expected(int line, int column, String path, String messagePart) {
    }

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/inventory/invalid"))) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void givesExactlyTheExpectedProblems(Path file) throws IOException {
        List<Expected> expected = Files.readAllLines(file).stream()
                .map(EXPECT::matcher).filter(Matcher::matches)
                .map(m -> new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3), m.group(4)))
                .toList();
        assertThat(expected).as("the file states what it expects").isNotEmpty();

        LoadResult result = new InventoryLoader(ENVIRONMENT::get).load(file);

        assertThat(result.valid()).isFalse();
        assertThat(result.inventory()).isEmpty();
        assertThat(result.problems()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Problem problem = result.problems().get(i);
            Expected want = expected.get(i);
            assertThat(problem.line()).as(problem.format()).isEqualTo(want.line());
            assertThat(problem.column()).as(problem.format()).isEqualTo(want.column());
            assertThat(problem.path()).as(problem.format()).isEqualTo(want.path());
            assertThat(problem.message()).as(problem.format()).contains(want.messagePart());
            assertThat(problem.format()).as("never shows a secret").doesNotContain("corpus-secret");
        }
    }
}
