package io.k3j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command takes. They sit on the root command with {@code scope = INHERIT},
 * so {@code k3j-install -v plan x.yaml} and {@code k3j-install plan -v x.yaml} mean the same.
 */
public class GlobalOptions {

    public enum Format { text, json }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print more detail; repeat (-vv) for every command run on the hosts.")
    boolean[] verbose = new boolean[0];

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only errors and the final result.")
    boolean quiet;

    @Option(names = "--output", scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "Output format: text for people, json for machines (one JSON object per line). Default: ${DEFAULT-VALUE}.")
    Format format = Format.text;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colour (also when NO_COLOR is set or the output is not a terminal).")
    boolean noColor;

    @Option(names = "--non-interactive", scope = ScopeType.INHERIT,
            description = "Never prompt; a missing answer is an error naming the flag, key or variable that supplies it. "
                    + "Automatic when CI=true or standard input is not a terminal.")
    boolean nonInteractive;

    /** These options as arguments, to run another command the way this one was run. */
    List<String> asArguments() {
        List<String> arguments = new ArrayList<>();
        for (boolean ignored : verbose) {
            arguments.add("-v");
        }
        if (quiet) {
            arguments.add("-q");
        }
        arguments.add("--output=" + format);
        if (noColor) {
            arguments.add("--no-color");
        }
        if (nonInteractive) {
            arguments.add("--non-interactive");
        }
        return arguments;
    }

    public int verbosity() {
        return quiet ? -1 : verbose.length;
    }

    public Format format() {
        return format;
    }

    public boolean noColorRequested() {
        return noColor;
    }

    public boolean nonInteractiveRequested() {
        return nonInteractive;
    }
}
