package io.k3j.plan;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces every known secret value in a text by {@value #MASK}, in every form it is written in
 * (see {@link SecretForms}): as is, quoted for YAML, JSON, a shell or SQL, URL-encoded. Applied to
 * everything that leaves the process for a person or a log: plan output, events, the run log.
 */
public final class SecretMasker {
    public static final String MASK = "********";

    private final Set<String> secrets = new LinkedHashSet<>();
    private final List<String> forms;

    public SecretMasker(Collection<String> secrets) {
        secrets.stream().filter(Objects::nonNull).filter(secret -> !secret.isEmpty()).forEach(this.secrets::add);
        // Longest first, so a secret (or a form) that contains another is masked whole.
        this.forms = this.secrets.stream()
                .flatMap(secret -> SecretForms.of(secret).stream())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** A masker for these secrets as well as this one's (the values a host holds now, say). */
    public SecretMasker and(Collection<String> more) {
        Set<String> all = new LinkedHashSet<>(secrets);
        all.addAll(more);
        return new SecretMasker(all);
    }

    public String mask(String text) {
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, MASK);
        }
        return masked;
    }
}
