package io.k3j.cli;

import io.k3j.output.Printable;
import io.k3j.output.Style;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the live view shows at one moment: a line per running host, with a spinner, the host, its
 * role, the action it is on (or what it waits for) and how long it has been at work. Pure: the
 * same hosts at the same moment give the same lines, each cut to fit one row of the terminal.
 */
final class LiveFrame {
    static final String SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏";

    private LiveFrame() {
    }

    /** {@code tick} turns the spinner (one step a redraw); {@code width} is the terminal's, in columns. */
    static List<String> lines(List<RunningHosts.Activity> hosts, Instant now, long tick, int width, Style style) {
        char spinner = SPINNER.charAt((int) (tick % SPINNER.length()));
        List<String> lines = new ArrayList<>();
        for (RunningHosts.Activity host : hosts) {
            String time = "  " + Elapsed.sofar(Duration.between(host.since(), now));
            // The last column stays free: a row that fills it wraps on some terminals, and cursor-up then miscounts.
            String text = fit(host.host() + " (" + host.role() + ")  " + doing(host, now), width - 1 - "  ⠋ ".length() - time.length());
            lines.add("  " + style.warning(String.valueOf(spinner)) + " " + text + style.faint(time));
        }
        return lines;
    }

    /** The action the host is on; while it waits, what it waits for and for how long instead (the wait names what it is for). */
    private static String doing(RunningHosts.Activity host, Instant now) {
        String action = host.action().isEmpty() ? "starting" : host.action();
        String line = host.waiting().map(wait -> wait.what() + " (" + Elapsed.sofar(Duration.between(wait.since(), now)) + ")").orElse(action);
        return Printable.of(line).replaceAll("\\s+", " ");
    }

    /** {@code text} in at most {@code columns} characters, an ellipsis marking a cut. */
    static String fit(String text, int columns) {
        if (text.length() <= columns) {
            return text;
        }
        return columns <= 0 ? "" : text.substring(0, columns - 1) + "…";
    }
}
