package io.k3j.apply;

/**
 * Whether an apply changes hosts or only says what it would change (k0sctl's {@code Wet}): reads
 * always run for real (facts, files, stamps, whether a unit runs), so a dry run decides exactly as
 * an apply would; each change goes through {@link #change}, which a dry run skips.
 */
public enum Wet {
    /** Changes are made. */
    APPLY,
    /** Changes are only told: {@code plan} and {@code apply --dry-run}. */
    DRY_RUN;

    boolean dry() {
        return this == DRY_RUN;
    }

    /** Makes {@code change} on an apply; a dry run leaves the host as it is. */
    void change(Runnable change) {
        if (this == APPLY) {
            change.run();
        }
    }
}
