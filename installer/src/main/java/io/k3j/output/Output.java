package io.k3j.output;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
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

    /** Whether lines for people are shown at all: not in JSON mode, not with --quiet. */
    public boolean showsInfo() {
        return !json && verbosity >= 0;
    }

    /** A live region at the bottom of stdout; only for a terminal. */
    public LiveRegion liveRegion() {
        return new LiveRegion(out);
    }

    /** This output with its stdout lines printed above {@code region}'s live lines; errors still go straight to stderr. */
    public Output above(LiveRegion region) {
        return new Output(region.writer(), err, json, verbosity, style);
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

    /**
     * One machine-readable event, {@code {"event": type, ...fields}}; ignored in text mode.
     * {@code fields} are key, value, key, value... in the order they should appear.
     */
    public void event(String type, Object... fields) {
        if (!json) {
            return;
        }
        if (fields.length % 2 != 0) {
            throw new IllegalArgumentException("event fields come in key/value pairs");
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", type);
        for (int i = 0; i < fields.length; i += 2) {
            event.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        out.println(Json.write(event));
        out.flush();
    }

    public void warning(String message) {
        if (json) {
            event("warning", "message", message);
        } else {
            err.println(style.warning("warning: ") + message);
            err.flush();
        }
    }

    public void error(String message) {
        if (json) {
            event("error", "message", message);
        } else {
            err.println(style.error("error: ") + message);
            err.flush();
        }
    }
}
