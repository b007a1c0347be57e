package io.k3j.ssh;

/**
 * Quoting for the POSIX shell on the host: the one place a value becomes a shell word, for the
 * commands built here and the scripts rendered from templates ({@code sh()}) alike.
 */
public final class Shell {

    private Shell() {
    }

    /**
     * {@code text} as one single-quoted shell word: inside single quotes the shell expands nothing
     * ({@code $(...)}, backticks, {@code $VAR}, newlines stay as they are); a quote is closed, escaped, reopened.
     * A NUL cannot be in a shell word at all: the values reaching here are checked before, so one is a bug.
     */
    public static String quote(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be passed to a shell");
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
