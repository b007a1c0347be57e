package io.k3j.apply;

/** What one action came to on its host. */
public enum Change {
    /** The host was changed (a file written, a package installed, a service restarted). */
    CHANGED,
    /** The host already had it: nothing was touched. */
    UNCHANGED,
    /** A check that held. */
    CHECKED
}
