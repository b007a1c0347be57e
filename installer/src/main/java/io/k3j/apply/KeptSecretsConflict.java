package io.k3j.apply;

import java.util.List;

/** Secrets read back from the hosts that cannot be kept as they are (servers disagree, a value of the wrong form); nothing was changed. */
public final class KeptSecretsConflict extends RuntimeException {
    private final List<String> problems;

    public KeptSecretsConflict(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem names the hosts and what to do. */
    public List<String> problems() {
        return problems;
    }
}
