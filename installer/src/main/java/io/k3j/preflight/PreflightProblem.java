package io.k3j.preflight;

import io.k3j.output.Printable;

/**
 * One reason a host is not ready to be changed: what is wrong on which host, and what to do. The
 * problem may quote what the host reported about itself, so it is kept {@link Printable}.
 */
public record PreflightProblem(String host, String problem, String fix) {

    public PreflightProblem {
        problem = Printable.of(problem);
    }

    @Override
    public String toString() {
        return host + ": " + problem + " (" + fix + ")";
    }
}
