package io.k3j.backup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SHA256SUMS}: the sha256 of every other file of a backup, in the format {@code sha256sum}
 * writes and checks ({@code sha256sum -c SHA256SUMS} in the folder checks it by hand too).
 */
public final class Checksums {
    public static final String FILE = "SHA256SUMS";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  ([A-Za-z0-9._-]+)");

    private Checksums() {
    }

    /** One line per file, in the order given. */
    public static String render(Map<String, String> sha256ByFile) {
        StringBuilder text = new StringBuilder();
        sha256ByFile.forEach((file, sha256) -> text.append(sha256).append("  ").append(file).append('\n'));
        return text.toString();
    }

    /** The files and their sha256, or empty when a line is not one {@link #render} writes. */
    public static Optional<Map<String, String>> parse(String text) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : text.lines().toList()) {
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            files.put(matcher.group(2), matcher.group(1));
        }
        return Optional.of(files);
    }

    /** Each file whose sha256 is not the one listed (or that is missing: {@code actual} has no entry), as a sentence. */
    public static List<String> mismatches(Map<String, String> listed, Map<String, Optional<String>> actual) {
        List<String> problems = new ArrayList<>();
        listed.forEach((file, sha256) -> {
            Optional<String> found = actual.getOrDefault(file, Optional.empty());
            if (found.isEmpty()) {
                problems.add(file + " is missing");
            } else if (!found.get().equals(sha256)) {
                problems.add(file + " has sha256 " + found.get() + ", not " + sha256 + " as SHA256SUMS lists");
            }
        });
        return problems;
    }
}
