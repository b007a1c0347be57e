package io.k3j.cli;

import java.io.PrintWriter;

/** The entry point; the only place that ends the process. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = K3jCommand.commandLine(Environment.ofThisProcess(), out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }
}
