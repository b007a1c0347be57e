package io.k3j.wizard;

/** An answer missing or wrong where nobody can be asked again: names the key that supplies it. */
public final class AnswerProblem extends RuntimeException {
    private final String key;

    public AnswerProblem(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
