package io.k3j.wizard;

import io.k3j.output.Style;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.FileNameCompleter;
import org.jline.terminal.Terminal;

/**
 * The wizard's prompts on a JLine terminal: line editing and history, the default shown in the
 * prompt, completion of choices and file paths, masked input for secrets.
 */
public final class JLinePrompter implements Prompter {
    static final String HELP = "?";
    static final String BACK = "<";

    private final LineReader reader;
    private final PrintWriter out;
    private final Style style;
    private final QuestionCompleter completer = new QuestionCompleter();

    public JLinePrompter(Terminal terminal, Style style) {
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("k3j-install")
                .completer(completer)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        this.out = terminal.writer();
        this.style = style;
    }

    @Override
    public void screen(String title, String explanation) {
        out.println();
        out.println(style.heading(title));
        out.println(explanation);
        out.println(style.faint("(? for help on a question, < to go back, Ctrl-C to stop: your answers are kept)"));
        out.flush();
    }

    @Override
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public Answer ask(Question question) {
        completer.question = question;
        while (true) {
            String line = read(question).trim();
            if (line.equals(HELP)) {
                say(style.faint(question.help()));
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
            say(style.error("  ✗ ") + problem.get());
        }
    }

    private String read(Question question) {
        String prompt = question.prompt() + question.defaultAnswer()
                .filter(answer -> question.kind() != Question.Kind.SECRET)
                .map(answer -> " [" + answer + "]")
                .orElse("") + ": ";
        try {
            return question.kind() == Question.Kind.SECRET ? reader.readLine(prompt, '*') : reader.readLine(prompt);
        } catch (UserInterruptException | EndOfFileException e) {
            throw new WizardInterrupted();
        }
    }

    /** Completes the choices of the current question, or file paths for a path question. */
    private static final class QuestionCompleter implements Completer {
        private final Completer files = new FileNameCompleter();
        private Question question;

        @Override
        public void complete(LineReader reader, org.jline.reader.ParsedLine line, List<Candidate> candidates) {
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
