package io.k3j.wizard;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One question of the wizard. {@code check} returns the reason an answer is wrong (asked again
 * with it), or empty when the answer is fine. {@code help} is shown for {@code ?}.
 */
public record Question(
        String key,
        String prompt,
        String help,
        Kind kind,
        Optional<String> defaultAnswer,
        List<String> choices,
        Function<String, Optional<String>> check) {

    public enum Kind { TEXT, SECRET, CHOICE, PATH, YES_NO }

    public static Question text(String key, String prompt, String help, String defaultAnswer,
                                Function<String, Optional<String>> check) {
        return new Question(key, prompt, help, Kind.TEXT, Optional.ofNullable(defaultAnswer), List.of(), check);
    }

    /** Masked. {@code defaultAnswer} (a reference, or empty for none) is taken on an empty line but never shown. */
    public static Question secret(String key, String prompt, String help, String defaultAnswer,
                                  Function<String, Optional<String>> check) {
        return new Question(key, prompt, help, Kind.SECRET, Optional.ofNullable(defaultAnswer), List.of(), check);
    }

    public static Question path(String key, String prompt, String help, String defaultAnswer,
                                Function<String, Optional<String>> check) {
        return new Question(key, prompt, help, Kind.PATH, Optional.ofNullable(defaultAnswer), List.of(), check);
    }

    public static Question choice(String key, String prompt, String help, List<String> choices, String defaultAnswer) {
        return new Question(key, prompt, help, Kind.CHOICE, Optional.ofNullable(defaultAnswer), choices,
                answer -> choices.contains(answer)
                        ? Optional.empty()
                        : Optional.of("choose one of: " + String.join(", ", choices)));
    }

    public static Question yesNo(String key, String prompt, String help, boolean defaultYes) {
        return new Question(key, prompt, help, Kind.YES_NO, Optional.of(YesNo.format(defaultYes)), List.of("yes", "no"),
                answer -> YesNo.parse(answer).isPresent() ? Optional.empty() : Optional.of("answer yes or no"));
    }
}
