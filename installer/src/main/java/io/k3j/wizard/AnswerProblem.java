package io.k3j.wizard;

/** An answer missing or wrong where nobody can be asked again: names the key that supplies it. */
public final class AnswerProblem extends RuntimeException {
    public AnswerProblem(String message) {
        super(message);
    }
}
