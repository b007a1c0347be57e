package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A quoted word reaches a real POSIX shell as exactly the text it was made from, with nothing run. */
class ShellTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a b", "it's", "'", "''", "$(id)", "`id`", "${HOME}", "a\nb", "back\\slash",
            "\"double\"", "semi;colon && true | cat > x", "*", "-n", "", "tab\there", "ünïcode"})
    void aQuotedWordIsTheTextItself(String text) throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("/bin/sh", "-c", "printf '%s' " + Shell.quote(text)).start();
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor()).isZero();
        assertThat(printed).isEqualTo(text);
    }

    @Test
    void aNulIsRefusedRatherThanCut() {
        assertThatThrownBy(() -> Shell.quote("a\0b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }
}
