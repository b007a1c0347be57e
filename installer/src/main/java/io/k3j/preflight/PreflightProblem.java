package io.k3j.preflight;

/** One reason a host is not ready to be changed: what is wrong on which host, and what to do. */
public record PreflightProblem(String host, String problem, String fix) {

    @Override
    public String toString() {
        return host + ": " + problem + " (" + fix + ")";
    }
}
