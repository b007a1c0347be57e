package io.k3j.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveRegionTest {
    private final StringWriter screen = new StringWriter();
    private final LiveRegion region = new LiveRegion(new PrintWriter(screen));

    @Test
    void eachDrawGoesBackOverTheLastOneAndErasesIt() {
        region.draw(List.of("a 1s", "b 1s"));
        String first = screen.toString();
        region.draw(List.of("a 2s"));

        assertThat(first).isEqualTo("\u001b[Ja 1s\nb 1s\n");
        assertThat(screen.toString().substring(first.length())).isEqualTo("\r\u001b[2A\u001b[Ja 2s\n");
    }

    @Test
    void linesWrittenMeanwhileArePrintedAboveTheLiveLinesForGood() {
        region.draw(List.of("a 1s"));
        PrintWriter writer = region.writer();
        writer.println("  ✓ b (worker)  no changes");
        writer.print("half a li");

        region.draw(List.of("a 2s"));

        assertThat(screen.toString()).endsWith("\r\u001b[1A\u001b[J  ✓ b (worker)  no changes\na 2s\n").doesNotContain("half a li");
    }

    @Test
    void anEmptyDrawLeavesOnlyThePrintedLines() {
        region.draw(List.of("a 1s"));
        region.printAbove("done");

        region.draw(List.of());
        int end = screen.toString().length();
        region.draw(List.of());

        assertThat(screen.toString()).endsWith("\u001b[J" + "done\n" + "\u001b[J");
        assertThat(screen.toString().substring(end)).doesNotContain("\u001b[1A");
    }
}
