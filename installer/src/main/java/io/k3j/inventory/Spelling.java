package io.k3j.inventory;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean ...?" for a mistyped key: the closest allowed key within a small edit distance. */
final class Spelling {

    private Spelling() {
    }

    static Optional<String> closest(String typed, Collection<String> allowed) {
        return allowed.stream()
                .filter(candidate -> distance(typed.toLowerCase(), candidate.toLowerCase()) <= Math.max(2, typed.length() / 3))
                .min(Comparator.comparingInt(candidate -> distance(typed.toLowerCase(), candidate.toLowerCase())));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
