package io.k3j.wizard;

/**
 * How the wizard talks to a person. The wizard's logic sees only this interface; JLine sits
 * behind {@link JLinePrompter}, so the wizard is tested with scripted input and no TTY.
 */
public interface Prompter {

    /** Shows a screen's title and what it is for. */
    void screen(String title, String explanation);

    /** Shows a line of information (the inventory under review, a host key...). */
    void say(String line);

    /** Shows the outcome of a check: fine, or a problem. */
    void report(boolean ok, String line);

    /**
     * Asks until the answer passes the question's check: {@code ?} shows the help, an empty line
     * takes the default, {@code <} goes back. Throws {@link WizardInterrupted} on Ctrl-C / Ctrl-D.
     */
    Answer ask(Question question);

    /** Asks a yes/no question; going back counts as no. */
    default boolean confirm(String key, String prompt, String help, boolean defaultYes) {
        return ask(Question.yesNo(key, prompt, help, defaultYes)) instanceof Answer.Given given
                && YesNo.parse(given.value()).orElse(false);
    }
}
