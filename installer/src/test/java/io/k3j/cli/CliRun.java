package io.k3j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in-process with captured output and a given environment: no TTY, no real env. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return with(Map.of(), false, args);
    }

    static CliRun with(Map<String, String> variables, boolean terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment environment = new Environment(new HashMap<>(variables), terminal, terminal);
        int code = K3jCommand.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@code command inventory --log-file=<logs>/run.log more...} with the given environment, as a CI job runs it. */
    static CliRun onInventory(Map<String, String> variables, String command, Path inventory, Path logs, String... more) {
        List<String> args = new ArrayList<>(List.of(command, inventory.toString(), "--log-file=" + logs.resolve("run.log")));
        args.addAll(List.of(more));
        return with(variables, false, args.toArray(String[]::new));
    }

    /** One command line for many runs, as a generated test makes thousands: its output is cleared before each. */
    static final class Session {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final CommandLine commandLine;

        Session(Map<String, String> variables) {
            Environment environment = new Environment(new HashMap<>(variables), false, false);
            commandLine = K3jCommand.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true));
        }

        CliRun run(String... args) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            int code = commandLine.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        }
    }

    /** Everything the run printed, for assertion messages. */
    String all() {
        return out + err;
    }
}
