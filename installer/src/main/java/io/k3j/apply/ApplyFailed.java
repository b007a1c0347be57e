package io.k3j.apply;

import java.util.List;

/** A wave in which at least one host failed: apply stopped there, before the next wave and step. */
public final class ApplyFailed extends RuntimeException {
    private final List<StepFailure> failures;

    public ApplyFailed(List<StepFailure> failures) {
        super(failures.size() + " host" + (failures.size() == 1 ? "" : "s") + " failed");
        this.failures = List.copyOf(failures);
    }

    public List<StepFailure> failures() {
        return failures;
    }
}
