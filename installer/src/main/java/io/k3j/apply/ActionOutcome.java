package io.k3j.apply;

import io.k3j.certificates.ExpiryWarning;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One action's result on one host, with a short detail (what changed and why, what was checked).
 * {@code before}: in a dry run, what the host's file (or managed block) holds now, for a diff.
 * {@code parts}: when one action makes several changes of their own (a node's labels and taints),
 * each of them; the plan shows and counts each. {@code warnings}: what a read found that needs the
 * operator (certificates near their end), shown by plan and apply after their outcomes.
 */
public record ActionOutcome(String action, Change change, String detail, Duration took, Optional<String> before, List<Part> parts,
                            List<ExpiryWarning> warnings) {

    /** One of several changes an action makes, such as {@code ~ worker1: label zone=a -> zone=b}. */
    public record Part(Change change, String detail) {
    }

    public ActionOutcome(String action, Change change, String detail, Duration took, Optional<String> before, List<Part> parts) {
        this(action, change, detail, took, before, parts, List.of());
    }

    public ActionOutcome(String action, Change change, String detail, Duration took, Optional<String> before) {
        this(action, change, detail, took, before, List.of());
    }

    public ActionOutcome(String action, Change change, String detail, Duration took) {
        this(action, change, detail, took, Optional.empty());
    }
}
