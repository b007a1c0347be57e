package io.k3j.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one inventory file, so validation reports all of them at once. */
final class Problems {
    private final Path file;
    private final List<Problem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    void add(Position position, String path, String message) {
        found.add(new Problem(file, position.line(), position.column(), path, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** In file order, as an editor would walk them. */
    List<Problem> sorted() {
        return found.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList();
    }
}
