package io.k3j.apply;

import io.k3j.output.Printable;
import io.k3j.plan.Step;

/**
 * An action that failed on a host: which host and step, what was tried, and what to do. The next
 * apply carries on from what is there, since every action is idempotent. The problem and the fix
 * often quote the host (a command's errors, a journal): they are kept {@link Printable}.
 */
public final class StepFailure extends RuntimeException {
    private final String host;
    private final Step step;
    private final String action;
    private final String fix;

    public StepFailure(String host, Step step, String action, String problem, String fix) {
        super(Printable.of(problem));
        this.host = host;
        this.step = step;
        this.action = action;
        this.fix = Printable.of(fix);
    }

    public String host() {
        return host;
    }

    public Step step() {
        return step;
    }

    public String action() {
        return action;
    }

    public String fix() {
        return fix;
    }

    /** The whole story in one line, for people. */
    public String describe() {
        return host + ": step " + step.title() + ": " + action + ": " + getMessage() + (fix.isEmpty() ? "" : ". " + sentence(fix));
    }

    private static String sentence(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
