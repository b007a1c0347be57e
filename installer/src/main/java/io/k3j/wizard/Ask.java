package io.k3j.wizard;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Makes the pages' questions: each one's default is its answer so far (else {@code fallback}), and
 * each answer is checked first by the question's own shape check, then by {@link AnswerCheck} at
 * the question's place in the inventory.
 */
final class Ask {
    static final Function<String, Optional<String>> NO_SHAPE = answer -> Optional.empty();

    private final AnswerCheck check;

    Ask(AnswerCheck check) {
        this.check = check;
    }

    PageQuestion text(String key, String yamlPath, String prompt, String help, Function<Answers, String> fallback,
                      Function<String, Optional<String>> shape) {
        return new PageQuestion(key, answers -> true, answers -> Question.text(key, prompt, help,
                defaultOf(answers, key, fallback), checked(answers, key, yamlPath, shape)), false);
    }

    PageQuestion text(String key, String yamlPath, String prompt, String help, String fallback) {
        return text(key, yamlPath, prompt, help, answers -> fallback, NO_SHAPE);
    }

    /** A list of hosts ({@link HostList}) that SSH can be tested on once given. */
    PageQuestion hosts(String key, String yamlPath, String prompt, String help, Function<Answers, String> fallback) {
        return text(key, yamlPath, prompt, help, fallback, HostList::problem).testingHosts();
    }

    PageQuestion path(String key, String yamlPath, String prompt, String help, String fallback) {
        return new PageQuestion(key, answers -> true, answers -> Question.path(key, prompt, help,
                defaultOf(answers, key, any -> fallback), checked(answers, key, yamlPath, NO_SHAPE)), false);
    }

    /** Masked; an empty answer means none (or generated, where the prompt says so). */
    PageQuestion secret(String key, String yamlPath, String prompt, String help) {
        return new PageQuestion(key, answers -> true, answers -> Question.secret(key, prompt, help,
                answers.get(key).orElse(""), checked(answers, key, yamlPath, SecretAnswer::problem)), false);
    }

    PageQuestion choice(String key, String prompt, String help, List<String> choices, Function<Answers, String> fallback) {
        return new PageQuestion(key, answers -> true,
                answers -> Question.choice(key, prompt, help, choices, defaultOf(answers, key, fallback)), false);
    }

    PageQuestion yesNo(String key, String prompt, String help, boolean fallback) {
        return new PageQuestion(key, answers -> true, answers -> Question.yesNo(key, prompt, help,
                answers.get(key).flatMap(YesNo::parse).orElse(fallback)), false);
    }

    private static String defaultOf(Answers answers, String key, Function<Answers, String> fallback) {
        return answers.get(key).orElseGet(() -> fallback.apply(answers));
    }

    private Function<String, Optional<String>> checked(Answers answers, String key, String yamlPath,
                                                       Function<String, Optional<String>> shape) {
        return answer -> shape.apply(answer.trim()).or(() -> check.problemAt(answers.with(key, answer.trim()), yamlPath));
    }
}
