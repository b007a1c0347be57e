package io.k3j.cli;

import java.util.Map;

/**
 * What the process knows about where it runs: environment variables and whether a person
 * sits at a terminal. Injected, so that no test depends on the real environment or a TTY.
 */
public record Environment(Map<String, String> variables, boolean stdinIsTerminal, boolean stdoutIsTerminal) {

    public static Environment ofThisProcess() {
        // System.console() is non-null only when both standard input and output are terminals.
        boolean console = System.console() != null;
        return new Environment(System.getenv(), console, console);
    }

    public String get(String name) {
        return variables.get(name);
    }

    /** CI=true (as most CI systems set it) or no terminal on stdin: nobody can answer a prompt. */
    public boolean nobodyToAsk() {
        return "true".equalsIgnoreCase(variables.getOrDefault("CI", "")) || !stdinIsTerminal;
    }

    /**
     * Whether output may be redrawn in place (a live view): stdout is a terminal that moves its
     * cursor (not TERM=dumb), and not a CI job, whose log keeps every byte.
     */
    public boolean canRedraw() {
        String term = variables.getOrDefault("TERM", "");
        return stdoutIsTerminal && !term.isEmpty() && !term.equals("dumb") && !"true".equalsIgnoreCase(variables.getOrDefault("CI", ""));
    }

    /** https://no-color.org: any non-empty NO_COLOR disables colour. */
    public boolean noColorRequested() {
        String noColor = variables.get("NO_COLOR");
        return noColor != null && !noColor.isEmpty();
    }
}
