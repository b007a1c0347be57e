package io.k3j.plan;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces every known secret value in a text by {@value #MASK}. Applied to everything that
 * leaves the process for a person or a log: plan output, events, the run log.
 */
public final class SecretMasker {
    public static final String MASK = "********";

    private final List<String> secrets;

    public SecretMasker(Set<String> secrets) {
        // Longest first, so a secret that contains another is masked whole.
        this.secrets = secrets.stream()
                .filter(Objects::nonNull)
                .filter(secret -> !secret.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
