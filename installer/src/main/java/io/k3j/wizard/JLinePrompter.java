package io.k3j.wizard;

import java.util.List;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.FileNameCompleter;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The wizard's prompts on a JLine terminal: line editing and history, the default shown in the
 * prompt, completion of choices and file paths, masked input for secrets, and JLine styles for the
 * layout (none when colour is off).
 */
public final class JLinePrompter implements Prompter {
    static final String HELP = "?";
    static final String BACK = "<";
    private static final int MAX_WIDTH = 100;
    private static final AttributedStyle TITLE = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle FAINT = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle GOOD = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle BAD = AttributedStyle.BOLD.foreground(AttributedStyle.RED);

    private final Terminal terminal;
    private final LineReader reader;
    private final boolean colour;
    private final QuestionCompleter completer = new QuestionCompleter();

    public JLinePrompter(Terminal terminal, boolean colour) {
        this.terminal = terminal;
        giveADumbTerminalASize(terminal);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("k3j-install")
                .completer(completer)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        this.colour = colour;
    }

    @Override
    public void screen(String title, String explanation) {
        print(new AttributedString(""));
        print(new AttributedString(title, TITLE));
        print(new AttributedString("─".repeat(Math.min(width(), title.length())), FAINT));
        Wrap.lines(explanation, width()).forEach(line -> print(new AttributedString(line)));
        print(new AttributedString("(" + HELP + " for help on a question, " + BACK + " to go back, Ctrl-C to stop: "
                + "your answers are kept)", FAINT));
    }

    @Override
    public void say(String line) {
        print(new AttributedString(line, line.strip().startsWith("#") ? FAINT : AttributedStyle.DEFAULT));
    }

    @Override
    public void report(boolean ok, String line) {
        print(new AttributedStringBuilder().append(ok ? "  ✓ " : "  ✗ ", ok ? GOOD : BAD).append(line).toAttributedString());
    }

    @Override
    public Answer ask(Question question) {
        completer.question = question;
        while (true) {
            String line = read(question).trim();
            if (line.equals(HELP)) {
                Wrap.lines(question.help(), width() - 2).forEach(help -> print(new AttributedString("  " + help, FAINT)));
                continue;
            }
            if (line.equals(BACK)) {
                return new Answer.Back();
            }
            String answer = line.isEmpty() ? question.defaultAnswer().orElse("") : line;
            Optional<String> problem = question.check().apply(answer);
            if (problem.isEmpty()) {
                return new Answer.Given(answer);
            }
            report(false, problem.get());
        }
    }

    private String read(Question question) {
        AttributedStringBuilder prompt = new AttributedStringBuilder().append(question.prompt(), AttributedStyle.BOLD);
        question.defaultAnswer()
                .filter(answer -> question.kind() != Question.Kind.SECRET && !answer.isEmpty())
                .ifPresent(answer -> prompt.append(" [" + answer + "]", FAINT));
        prompt.append(": ");
        try {
            return question.kind() == Question.Kind.SECRET
                    ? reader.readLine(styled(prompt.toAttributedString()), '*')
                    : reader.readLine(styled(prompt.toAttributedString()));
        } catch (UserInterruptException | EndOfFileException e) {
            throw new WizardInterrupted();
        }
    }

    /**
     * On a dumb terminal JLine masks a secret with a thread that redraws the prompt every few
     * milliseconds, and stops that thread only when the terminal's size is known (LineReaderImpl's
     * cleanup, JLine 3.30): on a terminal of unknown size it would draw the secret's prompt over every
     * later line. Such a terminal gets the width this prompter lays its text out at anyway.
     */
    private static void giveADumbTerminalASize(Terminal terminal) {
        if (terminal.getWidth() <= 0 && terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            terminal.setSize(new Size(80, 24));
        }
    }

    private void print(AttributedString line) {
        terminal.writer().println(styled(line));
        terminal.writer().flush();
    }

    private String styled(AttributedString text) {
        return colour ? text.toAnsi(terminal) : text.toString();
    }

    private int width() {
        int columns = terminal.getWidth();
        return columns <= 0 ? 80 : Math.min(columns, MAX_WIDTH);
    }

    /** Completes the choices of the current question, or file paths for a path question. */
    private static final class QuestionCompleter implements Completer {
        private final Completer files = new FileNameCompleter();
        private Question question;

        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            if (question == null) {
                return;
            }
            switch (question.kind()) {
                case CHOICE, YES_NO -> question.choices().forEach(choice -> candidates.add(new Candidate(choice)));
                case PATH -> files.complete(reader, line, candidates);
                default -> {
                    // free text and secrets: nothing to complete
                }
            }
        }
    }
}
