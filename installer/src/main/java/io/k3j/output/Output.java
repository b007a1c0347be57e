package io.k3j.output;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Where a command's results go. Text for people on stdout (errors on stderr), or, with
 * {@code --output json}, one JSON object per line on stdout so that CI can read a stream of events.
 */
public final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final int verbosity;
    private final Style style;

    public Output(PrintWriter out, PrintWriter err, boolean json, int verbosity, Style style) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.verbosity = verbosity;
        this.style = style;
    }

    public boolean json() {
        return json;
    }

    public Style style() {
        return style;
    }

    /** A line of text for people; dropped in JSON mode and with --quiet. */
    public void info(String line) {
        if (!json && verbosity >= 0) {
            out.println(line);
            out.flush();
        }
    }

    /** A line shown only with -v (level 1) or -vv (level 2). */
    public void detail(int level, String line) {
        if (!json && verbosity >= level) {
            out.println(style.faint(line));
            out.flush();
        }
    }

    /** The command's main result: printed even with --quiet. */
    public void result(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    /** One machine-readable event; ignored in text mode. */
    public void event(Map<String, ?> event) {
        if (json) {
            out.println(Json.write(event));
            out.flush();
        }
    }

    public void warning(String message) {
        if (json) {
            event(Map.of("event", "warning", "message", message));
        } else {
            err.println(style.warning("warning: ") + message);
            err.flush();
        }
    }

    public void error(String message) {
        if (json) {
            event(Map.of("event", "error", "message", message));
        } else {
            err.println(style.error("error: ") + message);
            err.flush();
        }
    }
}
