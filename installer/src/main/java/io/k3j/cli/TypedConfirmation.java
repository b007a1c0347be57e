package io.k3j.cli;

import java.io.Console;
import java.util.Optional;

/**
 * The confirmation of a command that destroys a cluster's state (restore, reset): the cluster's name
 * typed on a terminal; without one (CI, --non-interactive) only {@code --yes} goes on. Either refusal
 * ends the command before any host is touched: exit 2 when nobody could be asked, 5 when another
 * name was typed.
 */
final class TypedConfirmation {

    /** The person at the terminal: one line read after the prompt, null at the end of input. */
    @FunctionalInterface
    interface Terminal {
        String readLine(String prompt);
    }

    private final Optional<Terminal> terminal;

    TypedConfirmation(Optional<Terminal> terminal) {
        this.terminal = terminal;
    }

    /** Asks on this process's terminal, when the command may prompt and there is one. */
    static TypedConfirmation onThisTerminal(CommandContext context) {
        Console console = System.console();
        return new TypedConfirmation(context.interactive() && console != null
                ? Optional.of(prompt -> console.readLine("%s", prompt)) : Optional.empty());
    }

    /**
     * Returns once confirmed: {@code yes} given, or {@code cluster} typed after {@code question}.
     * {@code unasked}: what the command would do, for the error when nobody can be asked.
     */
    void require(boolean yes, String cluster, String question, String unasked) {
        if (yes) {
            return;
        }
        if (terminal.isEmpty()) {
            throw new CliException(ExitCode.USAGE, unasked + ", and nobody is at a terminal to confirm it: pass --yes; "
                    + "no host was touched");
        }
        String typed = terminal.get().readLine(question + " Type the cluster's name (" + cluster + ") to go on: ");
        if (typed == null || !typed.strip().equals(cluster)) {
            throw new CliException(ExitCode.REFUSED, "not confirmed; no host was touched");
        }
    }
}
