package io.k3j.wizard;

/** Ctrl-C or Ctrl-D at a prompt: the wizard stops and keeps its draft. */
public final class WizardInterrupted extends RuntimeException {
    public WizardInterrupted() {
        super("interrupted");
    }
}
