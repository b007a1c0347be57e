package io.k3j.wizard;

import io.k3j.inventory.SecretValue;
import java.util.Optional;

/**
 * A secret as answered: empty (none, or generated), a reference ({@code ${env:NAME}},
 * {@code ${file:PATH}}) kept as is, or the secret typed in clear, which {@link SecretKeeper} turns
 * into a reference before it is kept anywhere.
 */
public final class SecretAnswer {

    private SecretAnswer() {
    }

    public static boolean isClear(String answer) {
        return !answer.isEmpty() && !new SecretValue(answer).isReference();
    }

    /** A "${" that is not a whole reference is more likely a typo than a secret. */
    static Optional<String> problem(String answer) {
        boolean looksLikeReference = answer.startsWith("${");
        return looksLikeReference && !new SecretValue(answer).isReference()
                ? Optional.of("a reference is ${env:NAME} or ${file:PATH}")
                : Optional.empty();
    }
}
