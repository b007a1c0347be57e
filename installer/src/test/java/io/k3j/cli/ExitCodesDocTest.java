package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/cli.md's exit code table says what {@link ExitCode} (and so every --help) says: the same codes, each meaning in its row. */
class ExitCodesDocTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (\\d+) \\| (.*) \\|$");

    @Test
    void theDocumentedExitCodesAreTheEnumsWithTheirMeanings() throws IOException {
        String doc = Files.readString(Path.of("../docs/cli.md"));
        String table = doc.substring(doc.indexOf("## Exit codes"));
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table.substring(0, table.indexOf("\n## ")));
        while (row.find()) {
            rows.put(row.group(1), row.group(2).replace("`", ""));
        }

        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.merge(String.valueOf(code.code()), code.meaning(), (first, second) -> first + "; or " + second);
        }
        assertThat(rows.keySet()).containsExactlyElementsOf(codes.keySet());
        codes.forEach((code, meaning) -> assertThat(rows.get(code)).as("exit code " + code).startsWith(meaning));
    }
}
