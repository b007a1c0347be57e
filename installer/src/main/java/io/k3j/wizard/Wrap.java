package io.k3j.wizard;

import java.util.ArrayList;
import java.util.List;

/** Breaks prose into lines of at most {@code width} characters, at spaces (a longer word stands alone). */
final class Wrap {

    private Wrap() {
    }

    static List<String> lines(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
