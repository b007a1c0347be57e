package io.k3j.apply;

/** What one action came to on its host (or, in a dry run, would come to). */
public enum Change {
    /** Something new: a file where there was none, a package installed, a service started. */
    ADDED,
    /** Something there made different: a file rewritten, a service restarted, a script run again. */
    CHANGED,
    /** Something taken away: a unit stopped and disabled. */
    REMOVED,
    /** The host already had it: nothing was touched. */
    UNCHANGED,
    /** A check that held. */
    CHECKED,
    /** A check a dry run does not make: what it checks depends on the changes before it. */
    TO_CHECK;

    /** Whether the host was (or would be) changed. */
    public boolean changes() {
        return this == ADDED || this == CHANGED || this == REMOVED;
    }
}
