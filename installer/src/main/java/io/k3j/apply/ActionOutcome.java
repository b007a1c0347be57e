package io.k3j.apply;

import java.time.Duration;
import java.util.Optional;

/**
 * One action's result on one host, with a short detail (what changed and why, what was checked).
 * {@code before}: in a dry run, what the host's file (or managed block) holds now, for a diff.
 */
public record ActionOutcome(String action, Change change, String detail, Duration took, Optional<String> before) {

    public ActionOutcome(String action, Change change, String detail, Duration took) {
        this(action, change, detail, took, Optional.empty());
    }
}
