package io.k3j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Everything the run printed, for assertion messages. */
    String all() {
        return out + err;
    }
}
