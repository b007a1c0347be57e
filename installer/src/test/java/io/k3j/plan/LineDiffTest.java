package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void showsKeptRemovedAndAddedLinesInOrder() {
        assertThat(LineDiff.of("a\nb\nc", "a\nx\nc\nd"))
                .containsExactly("  a", "- b", "+ x", "  c", "+ d");
    }

    @Test
    void identicalTextsAreAllKept() {
        assertThat(LineDiff.of("a\nb", "a\nb")).containsExactly("  a", "  b");
    }

    @Test
    void fromNothing() {
        assertThat(LineDiff.of("", "a")).containsExactly("+ a");
    }
}
