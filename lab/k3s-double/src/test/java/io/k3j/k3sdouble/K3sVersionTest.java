package io.k3j.k3sdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class K3sVersionTest {

    @Test
    void versionPrintsTheTwoLinesOfTheRealBinary() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = K3s.run(new String[] {"--version"}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));

        assertThat(code).isZero();
        assertThat(out.toString()).matches("k3s version v\\d+\\.\\d+\\.\\d+\\+k3s\\d+ \\([0-9a-f]{8}\\)\\ngo version go[0-9.]+\\n");
    }
}
