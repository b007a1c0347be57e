package io.k3j.apply;

import java.time.Duration;

/** One action's result on one host, with a short detail (what changed, what was checked). */
public record ActionOutcome(String action, Change change, String detail, Duration took) {
}
