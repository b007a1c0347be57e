package io.k3j.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/** Scripted keystrokes through a real JLine LineReader on a dumb terminal: no TTY needed. */
class JLinePrompterTest {
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private Prompter typing(String keystrokes) throws IOException {
        Terminal terminal = new DumbTerminal(new ByteArrayInputStream(keystrokes.getBytes(StandardCharsets.UTF_8)), screen);
        return new JLinePrompter(terminal, false);
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    private static final Question PORT = Question.text("port", "SSH port", "The port sshd listens on.", "22",
            answer -> answer.matches("\\d{1,5}") ? Optional.empty() : Optional.of("a port is a number from 1 to 65535"));

    @Test
    void anEmptyLineTakesTheDefaultShownInThePrompt() throws IOException {
        Answer answer = typing("\n").ask(PORT);

        assertThat(answer).isEqualTo(new Answer.Given("22"));
        assertThat(screen()).contains("SSH port [22]: ");
    }

    @Test
    void aWrongAnswerIsAskedAgainWithTheReason() throws IOException {
        Answer answer = typing("ssh\n2222\n").ask(PORT);

        assertThat(answer).isEqualTo(new Answer.Given("2222"));
        assertThat(screen()).contains("a port is a number from 1 to 65535");
    }

    @Test
    void questionMarkShowsTheHelpAndAsksAgain() throws IOException {
        Answer answer = typing("?\n22\n").ask(PORT);

        assertThat(answer).isEqualTo(new Answer.Given("22"));
        assertThat(screen()).contains("The port sshd listens on.");
    }

    @Test
    void lessThanGoesBack() throws IOException {
        assertThat(typing("<\n").ask(PORT)).isEqualTo(new Answer.Back());
    }

    @Test
    void aChoiceMustBeOneOfTheChoices() throws IOException {
        Question type = Question.choice("type", "Datastore", "help", List.of("postgres", "mysql", "etcd"), "postgres");

        assertThat(typing("oracle\nmysql\n").ask(type)).isEqualTo(new Answer.Given("mysql"));
        assertThat(screen()).contains("choose one of: postgres, mysql, etcd");
    }

    @Test
    void secretsAreNotEchoed() throws IOException {
        Question token = Question.secret("token", "Token", "help", "", answer -> Optional.empty());

        assertThat(typing("s3cret-value\n").ask(token)).isEqualTo(new Answer.Given("s3cret-value"));
        assertThat(screen()).doesNotContain("s3cret-value");
    }

    @Test
    void aSecretOnADumbTerminalLeavesNothingRedrawingItsPrompt() throws Exception {
        Prompter prompter = typing("s3cret-value\n22\n");

        prompter.ask(Question.secret("token", "Token", "help", "", answer -> Optional.empty()));

        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("JLine Mask Thread")) {
                thread.join(10_000);
                assertThat(thread.isAlive()).as("JLine's mask thread still redrawing 'Token: ' 10 s after the answer").isFalse();
            }
        }
        assertThat(prompter.ask(PORT)).isEqualTo(new Answer.Given("22"));
    }

    /** A terminal with key bindings (a dumb one has no history keys): Ctrl-P is the previous line of the history. */
    private Prompter typingOnXterm(String keystrokes) throws IOException {
        Terminal terminal = new ExternalTerminal("test", "xterm", new ByteArrayInputStream(keystrokes.getBytes(StandardCharsets.UTF_8)),
                screen, StandardCharsets.UTF_8);
        return new JLinePrompter(terminal, false);
    }

    @Test
    void earlierAnswersAreInTheHistory() throws IOException {
        Prompter prompter = typingOnXterm("2222\r\u0010\r");

        prompter.ask(PORT);

        assertThat(prompter.ask(PORT)).isEqualTo(new Answer.Given("2222"));
    }

    @Test
    void tabCompletesChoicesAndFilePaths() throws IOException {
        Prompter prompter = typingOnXterm("my\t\rpo\t\r");
        Question type = Question.choice("type", "Datastore", "help", List.of("postgres", "mysql", "etcd"), "postgres");
        Question file = Question.path("file", "A file", "help", null, answer -> Optional.empty());

        assertThat(prompter.ask(type)).isEqualTo(new Answer.Given("mysql"));
        assertThat(prompter.ask(file)).as("the module's pom.xml, from the working folder")
                .isEqualTo(new Answer.Given("pom.xml"));
    }

    @Test
    void secretsAreNotInTheHistory() throws IOException {
        Prompter prompter = typingOnXterm("s3cret-value\r\u0010\r");

        prompter.ask(Question.secret("token", "Token", "help", "", answer -> Optional.empty()));

        assertThat(prompter.ask(PORT)).as("nothing to recall: the default").isEqualTo(new Answer.Given("22"));
    }

    @Test
    void coloursOnlyWhenAsked() throws IOException {
        Terminal terminal = new ExternalTerminal("test", "xterm-256color", new ByteArrayInputStream(new byte[0]), screen,
                StandardCharsets.UTF_8);

        new JLinePrompter(terminal, false).screen("Plain", "no colour");
        assertThat(screen()).contains("Plain").doesNotContain("\u001B[");
        new JLinePrompter(terminal, true).screen("Styled", "with colour");
        assertThat(screen()).contains("\u001B[");
    }

    @Test
    void ctrlCInterruptsTheWizard() throws IOException {
        Prompter prompter = typing("22\u0003");

        assertThatThrownBy(() -> prompter.ask(PORT)).isInstanceOf(WizardInterrupted.class);
    }

    @Test
    void endOfInputInterruptsTheWizard() throws IOException {
        Prompter prompter = typing("");

        assertThatThrownBy(() -> prompter.ask(PORT)).isInstanceOf(WizardInterrupted.class);
    }
}
