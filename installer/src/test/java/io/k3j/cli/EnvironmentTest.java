package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void ciOrNoTerminalMeansNobodyToAsk() {
        assertThat(new Environment(Map.of("CI", "true"), true, true).nobodyToAsk()).isTrue();
        assertThat(new Environment(Map.of(), false, true).nobodyToAsk()).isTrue();
        assertThat(new Environment(Map.of("CI", "false"), true, true).nobodyToAsk()).isFalse();
    }

    @Test
    void anyNonEmptyNoColorDisablesColour() {
        assertThat(new Environment(Map.of("NO_COLOR", "1"), true, true).noColorRequested()).isTrue();
        assertThat(new Environment(Map.of("NO_COLOR", ""), true, true).noColorRequested()).isFalse();
        assertThat(new Environment(Map.of(), true, true).noColorRequested()).isFalse();
    }

    @Test
    void onlyATerminalThatMovesItsCursorOutsideCiIsRedrawn() {
        assertThat(new Environment(Map.of("TERM", "xterm-256color"), true, true).canRedraw()).isTrue();
        assertThat(new Environment(Map.of("TERM", "xterm-256color", "NO_COLOR", "1"), true, true).canRedraw()).isTrue();
        assertThat(new Environment(Map.of("TERM", "xterm-256color"), true, false).canRedraw()).isFalse();
        assertThat(new Environment(Map.of("TERM", "dumb"), true, true).canRedraw()).isFalse();
        assertThat(new Environment(Map.of(), true, true).canRedraw()).isFalse();
        assertThat(new Environment(Map.of("TERM", "xterm", "CI", "true"), true, true).canRedraw()).isFalse();
    }
}
