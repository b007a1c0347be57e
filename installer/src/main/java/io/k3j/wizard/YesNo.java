package io.k3j.wizard;

import java.util.Locale;
import java.util.Optional;

/** Reads y/yes/n/no in any case, and true/false as an answers file has them. */
public final class YesNo {

    private YesNo() {
    }

    public static String format(boolean yes) {
        return yes ? "yes" : "no";
    }

    public static Optional<Boolean> parse(String answer) {
        return switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes", "true" -> Optional.of(true);
            case "n", "no", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
