package io.k3j.apply;

import java.util.List;

/** Hosts that could not be connected to, logged in to, made root on (sudo) or read; nothing was changed on any host. */
public final class UnreachableHostsException extends RuntimeException {
    private final List<String> problems;

    public UnreachableHostsException(List<String> problems) {
        super(problems.size() + " host" + (problems.size() == 1 ? "" : "s") + " could not be reached or used: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
