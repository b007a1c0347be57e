package io.k3j.datastore;

import java.util.Optional;

/** What a datastore check found: fine, or what is wrong and what to do about it. */
public record ProbeResult(boolean ok, String detail, Optional<String> fix) {

    public static ProbeResult fine(String detail) {
        return new ProbeResult(true, detail, Optional.empty());
    }

    public static ProbeResult problem(String detail, String fix) {
        return new ProbeResult(false, detail, Optional.of(fix));
    }
}
