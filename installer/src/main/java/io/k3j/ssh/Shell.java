package io.k3j.ssh;

/** Quoting for the POSIX shell on the host. */
public final class Shell {

    private Shell() {
    }

    /** {@code text} as one single-quoted shell word. */
    public static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
