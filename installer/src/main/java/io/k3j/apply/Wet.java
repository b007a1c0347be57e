package io.k3j.apply;

/**
 * Whether an apply changes hosts or only says what it would change (k0sctl's {@code Wet}): reads
 * always run for real (facts, files, stamps, whether a unit runs), so a dry run decides exactly as
 * an apply would. Each action that changes a host reads what it needs, then, in a dry run, returns
 * what it would do ({@code if (context.wet().dry()) return ...}) before its first change: one
 * shape for every action, the dry branch beside the change it stands for.
 */
public enum Wet {
    /** Changes are made. */
    APPLY,
    /** Changes are only told: {@code plan} and {@code apply --dry-run}. */
    DRY_RUN;

    boolean dry() {
        return this == DRY_RUN;
    }
}
