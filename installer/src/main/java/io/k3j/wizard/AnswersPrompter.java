package io.k3j.wizard;

import java.util.Optional;

/**
 * The prompter without a terminal: every question takes its answer from the answers given
 * (answers file, {@code --set}), or its default; a question with neither, or an answer the checks
 * refuse, ends the wizard with an error that names the key. Nothing is ever read from a person.
 */
public final class AnswersPrompter implements Prompter {

    @Override
    public void screen(String title, String explanation) {
        // nobody to show it to
    }

    @Override
    public void say(String line) {
        // nobody to show it to
    }

    @Override
    public void report(boolean ok, String line) {
        // nobody to show it to
    }

    @Override
    public Answer ask(Question question) {
        String key = question.key();
        String answer = question.defaultAnswer().orElseThrow(() -> new AnswerProblem("no answer for " + key + " ("
                + question.prompt() + "): give it in the answers file (" + nested(key) + ") or with --set " + key + "=VALUE"));
        Optional<String> problem = question.check().apply(answer);
        if (problem.isPresent()) {
            String shown = question.kind() == Question.Kind.SECRET ? "" : " '" + answer + "'";
            throw new AnswerProblem("the answer" + shown + " for " + key + " is wrong: " + problem.get());
        }
        return new Answer.Given(answer);
    }

    /** {@code datastore.tls.caFile} as it stands in a nested answers file: {@code datastore: {tls: {caFile: ...}}}. */
    private static String nested(String key) {
        String[] parts = key.split("\\.");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            text.append(parts[i]).append(i == parts.length - 1 ? ": ..." : ": {");
        }
        return text.append("}".repeat(parts.length - 1)).toString();
    }
}
