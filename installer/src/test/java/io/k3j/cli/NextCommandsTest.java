package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.wizard.JLinePrompter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** After writing, plan and apply are offered and run as typed commands; global options carry over. */
class NextCommandsTest {
    private final List<List<String>> ran = new ArrayList<>();

    private ExitCode answering(String keystrokes, int planExit) throws IOException {
        DumbTerminal terminal = new DumbTerminal(new ByteArrayInputStream(keystrokes.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream());
        NextCommands next = new NextCommands(new JLinePrompter(terminal, false), command -> {
            ran.add(List.of(command));
            return command[0].equals("plan") ? planExit : 0;
        });
        return next.offer(Path.of("inventory.yaml"));
    }

    @Test
    void planThenApplyWhenBothAreWanted() throws IOException {
        assertThat(answering("\nyes\n", 0)).isEqualTo(ExitCode.OK);

        assertThat(ran).containsExactly(List.of("plan", "inventory.yaml"), List.of("apply", "inventory.yaml"));
    }

    @Test
    void aFailedPlanEndsWithItsExitCodeAndApplyIsNotOffered() throws IOException {
        assertThat(answering("\n", ExitCode.PREFLIGHT_FAILED.code())).isEqualTo(ExitCode.PREFLIGHT_FAILED);

        assertThat(ran).containsExactly(List.of("plan", "inventory.yaml"));
    }

    @Test
    void nothingRunsWhenNeitherIsWanted() throws IOException {
        assertThat(answering("no\n\n", 0)).isEqualTo(ExitCode.OK);

        assertThat(ran).isEmpty();
    }

    @Test
    void anotherCommandRunsWithTheSameGlobalOptions() {
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        CommandLine commandLine = K3jCommand.commandLine(new Environment(Map.of(), false, false), writer, writer);
        commandLine.parseArgs("--output", "json", "wizard");

        int exit = ((K3jCommand) commandLine.getCommand()).execute("version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("{\"event\":\"version\"");
    }
}
