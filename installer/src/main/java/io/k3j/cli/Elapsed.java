package io.k3j.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations as apply shows them: "12.3s" for what took, "12s" for what is still going, minutes past one. */
final class Elapsed {

    private Elapsed() {
    }

    /** What something took: tenths of a second under a minute, "1m05s" beyond. */
    static String took(Duration duration) {
        long millis = duration.toMillis();
        return millis < 60_000 ? String.format(Locale.ROOT, "%.1fs", millis / 1000.0) : minutes(duration);
    }

    /** How long something runs so far: whole seconds, so a line redrawn ten times a second does not flicker. */
    static String sofar(Duration duration) {
        return duration.toSeconds() < 60 ? duration.toSeconds() + "s" : minutes(duration);
    }

    private static String minutes(Duration duration) {
        return String.format(Locale.ROOT, "%dm%02ds", duration.toMinutes(), duration.toSecondsPart());
    }
}
