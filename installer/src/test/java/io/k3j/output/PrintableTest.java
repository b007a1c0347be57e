package io.k3j.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

    @Test
    void escapeSequencesAndControlCharactersAreRemovedNewlinesAndTabsKept() {
        String fromHost = "\u001b[2J\u001b[1;1Hfailed:\tdisk\u001b[31m full\u001b[0m\r\n"
                + "\u001b]0;owned\u0007title\u001b]8;;http://198.51.100.9\u001b\\link\u001b]8;;\u001b\\ "
                + "bell\u0007 back\bspace \u001bPdcs\u001b\\ c1\u009b2J\u0085 del\u007f \u001bc end";

        assertThat(Printable.of(fromHost)).isEqualTo("failed:\tdisk full\ntitlelink bell backspace  c1 del  end");
    }

    @Test
    void plainTextIsLeftAsItIs() {
        assertThat(Printable.of("k3s: ✓ ready — 3 nodes\n\tnext")).isEqualTo("k3s: ✓ ready — 3 nodes\n\tnext");
    }
}
