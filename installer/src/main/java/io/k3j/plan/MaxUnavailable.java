package io.k3j.plan;

import java.util.Optional;

/**
 * How many workers a rolling upgrade takes out of service at once: a count ({@code 2}) or a share
 * of the workers ({@code 25%}, rounded down), never less than one.
 */
public record MaxUnavailable(int value, boolean percent) {

    /** About a tenth of the workers, as the issue and kubectl's DaemonSet rollouts default to (10%). */
    public static final MaxUnavailable DEFAULT = new MaxUnavailable(10, true);

    public MaxUnavailable {
        if (value < 1 || percent && value > 100) {
            throw new IllegalArgumentException("max-unavailable must be a count of at least 1 or a share of 1% to 100%, got " + value
                    + (percent ? "%" : ""));
        }
    }

    /** {@code N} or {@code P%}; empty for anything else (zero, negative, over 100%, not a number). */
    public static Optional<MaxUnavailable> parse(String text) {
        boolean percent = text.endsWith("%");
        String number = percent ? text.substring(0, text.length() - 1) : text;
        if (!number.matches("[0-9]{1,6}")) {
            return Optional.empty();
        }
        int value = Integer.parseInt(number);
        return value < 1 || percent && value > 100 ? Optional.empty() : Optional.of(new MaxUnavailable(value, percent));
    }

    /** The batch size for {@code workers} workers: at least 1, at most all of them. */
    public int of(int workers) {
        int wanted = percent ? workers * value / 100 : value;
        return Math.max(1, Math.min(wanted, Math.max(workers, 1)));
    }

    @Override
    public String toString() {
        return value + (percent ? "%" : "");
    }
}
