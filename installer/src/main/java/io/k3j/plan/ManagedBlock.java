package io.k3j.plan;

import java.util.Optional;

/**
 * A block of lines k3j-install keeps in a file it does not own (pg_hba.conf), between the first
 * and last line of the block (its BEGIN and END markers); the rest of the file is left alone.
 */
public final class ManagedBlock {

    private ManagedBlock() {
    }

    /** The block as it stands in {@code file} now, markers included, if it is there. */
    public static Optional<String> in(String file, String block) {
        String[] lines = block.strip().split("\n");
        String begin = lines[0];
        String end = lines[lines.length - 1];
        int from = file.indexOf(begin + "\n");
        int to = from < 0 ? -1 : file.indexOf(end, from);
        return to < 0 ? Optional.empty() : Optional.of(file.substring(from, to + end.length()) + "\n");
    }

    /** {@code file} with the block in place: replaced where it stands, else appended. */
    public static String applied(String file, String block) {
        Optional<String> current = in(file, block);
        if (current.isPresent()) {
            return file.replace(current.get(), block);
        }
        return file + (file.isEmpty() || file.endsWith("\n") ? "" : "\n") + block;
    }

    /** {@code file} without the block, the lines around it as they were; the file itself when it holds none. */
    public static String removed(String file, String block) {
        return in(file, block).map(current -> file.replace(current, "")).orElse(file);
    }
}
