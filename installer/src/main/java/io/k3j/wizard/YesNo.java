package io.k3j.wizard;

import java.util.Locale;
import java.util.Optional;

/** Reads y/yes/n/no in any case. */
public final class YesNo {

    private YesNo() {
    }

    public static Optional<Boolean> parse(String answer) {
        return switch (answer.trim().toLowerCase(Locale.ROOT)) {
            case "y", "yes" -> Optional.of(true);
            case "n", "no" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
