package io.k3j.inventory;

import org.yaml.snakeyaml.error.Mark;

/** A place in the inventory file, 1-based as editors show it. */
public record Position(int line, int column) {

    public static final Position START = new Position(1, 1);

    static Position of(Mark mark) {
        return mark == null ? START : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }
}
