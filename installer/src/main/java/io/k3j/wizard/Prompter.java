package io.k3j.wizard;

/**
 * How the wizard talks to a person. The wizard's logic sees only this interface; JLine sits
 * behind {@link JLinePrompter}, so the wizard is tested with scripted input and no TTY.
 */
public interface Prompter {

    /** Shows a screen's title and what it is for. */
    void screen(String title, String explanation);

    /** Shows a line of information (a check's result, a fingerprint...). */
    void say(String line);

    /**
     * Asks until the answer passes the question's check: {@code ?} shows the help, an empty line
     * takes the default, {@code <} goes back. Throws {@link WizardInterrupted} on Ctrl-C / Ctrl-D.
     */
    Answer ask(Question question);
}
