package io.k3j.cli;

import picocli.CommandLine.Option;

/** {@code --yes} of a command that destroys what it replaces (restore, reset): the cluster's name typed, or this. */
public class ConfirmationOption {

    @Option(names = "--yes", description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    /** Asks on this terminal for the cluster's name unless --yes; see {@link TypedConfirmation#require}. */
    void require(CommandContext context, String cluster, String question, String unasked) {
        TypedConfirmation.onThisTerminal(context).require(yes, cluster, question, unasked);
    }
}
