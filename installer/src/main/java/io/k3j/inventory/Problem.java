package io.k3j.inventory;

import java.nio.file.Path;

/**
 * One thing wrong with an inventory: where ({@code file:line:column} and the YAML path of the
 * key) and what, with what is allowed. Never holds a secret's value.
 */
public record Problem(Path file, int line, int column, String path, String message) {

    /** On one line whatever the inventory held: a line break or escape sequence in a value cannot forge output. */
    public Problem {
        path = Shown.oneLine(path);
        message = Shown.oneLine(message);
    }

    public String format() {
        return file + ":" + line + ":" + column + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
