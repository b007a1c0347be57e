package io.k3j.output;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The last few lines of a terminal, drawn again in place (cursor up, erase down), with lines
 * printed for good above them. Any thread may hand it lines, which only queues them; one thread
 * draws, so a slow terminal holds up only that thread. Only for a real terminal: it moves the cursor.
 */
public final class LiveRegion {
    private static final String ESC = "\u001b[";

    private final PrintWriter terminal;
    private final Queue<String> above = new ConcurrentLinkedQueue<>();
    private int height;

    public LiveRegion(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** Queues a line to print above the live lines at the next draw. */
    public void printAbove(String line) {
        above.add(line);
    }

    /** A writer whose lines are printed above the live lines, for an {@link Output} to write to. */
    public PrintWriter writer() {
        return new PrintWriter(new LineWriter(), true);
    }

    /** Replaces the live lines by {@code lines}, after printing the queued ones; each of {@code lines} must fit one row. */
    public synchronized void draw(List<String> lines) {
        StringBuilder screen = new StringBuilder();
        if (height > 0) {
            screen.append('\r').append(ESC).append(height).append('A');
        }
        screen.append(ESC).append('J');
        for (String line = above.poll(); line != null; line = above.poll()) {
            screen.append(line).append('\n');
        }
        lines.forEach(line -> screen.append(line).append('\n'));
        terminal.print(screen);
        terminal.flush();
        height = lines.size();
    }

    /** Cuts what is written into lines; a line is complete at its newline. */
    private final class LineWriter extends Writer {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void write(char[] chars, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = chars[i];
                if (c == '\n') {
                    printAbove(partial.toString());
                    partial.setLength(0);
                } else if (c != '\r') {
                    partial.append(c);
                }
            }
        }

        @Override
        public void flush() {
            // Lines are handed over at their newline; a line without one waits for it.
        }

        @Override
        public void close() {
            // Nothing to release: the region's terminal stays open.
        }
    }
}
