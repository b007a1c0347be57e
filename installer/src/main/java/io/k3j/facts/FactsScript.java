package io.k3j.facts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The read-only script that gathers a host's facts, fed to {@code sh -s} on the host. */
public final class FactsScript {

    private FactsScript() {
    }

    public static String text() {
        try (InputStream in = FactsScript.class.getResourceAsStream("gather-facts.sh")) {
            if (in == null) {
                throw new IllegalStateException("gather-facts.sh is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
