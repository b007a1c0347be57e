package io.k3j.k3sdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class CompletionTest {

    @Test
    void bashCompletionIsK3sScriptAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = K3s.run(new String[] {"completion", "bash"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("#! /bin/bash\n_cli_bash_autocomplete() {\n")
                .endsWith("complete -o bashdefault -o default -o nospace -F _cli_bash_autocomplete k3s\n");
    }

    @Test
    void anUnknownShellIsAnError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = K3s.run(new String[] {"completion", "fish"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("level=fatal").contains("unknown shell: fish");
    }
}
