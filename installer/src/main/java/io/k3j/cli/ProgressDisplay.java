package io.k3j.cli;

import io.k3j.apply.ApplyListener;
import io.k3j.output.LiveRegion;
import io.k3j.output.Output;
import io.k3j.plan.SecretMasker;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * How apply shows its progress: drawn live at the bottom of a terminal that can move its cursor,
 * else line by line (pipes, files, CI, TERM=dumb, --quiet, --output json). Closing it stops the
 * drawing and leaves every printed line and no live line behind.
 */
final class ProgressDisplay implements AutoCloseable {
    private static final int DEFAULT_WIDTH = 80;

    private final ApplyListener listener;
    private final RunningHosts running;
    private final Optional<LiveView> view;
    private final Optional<Terminal> terminal;

    private ProgressDisplay(ApplyListener listener, RunningHosts running, Optional<LiveView> view, Optional<Terminal> terminal) {
        this.listener = listener;
        this.running = running;
        this.view = view;
        this.terminal = terminal;
    }

    static ProgressDisplay open(CommandContext context, SecretMasker masker, ApplyTally tally, Clock clock) {
        Output output = context.output();
        RunningHosts running = new RunningHosts();
        Optional<Terminal> terminal = output.showsInfo() && context.environment().canRedraw() ? sizeOfTerminal() : Optional.empty();
        if (terminal.isEmpty()) {
            return new ProgressDisplay(new ApplyProgress(output, masker, running, tally, clock), running, Optional.empty(), Optional.empty());
        }
        LiveRegion region = output.liveRegion();
        LiveView view = new LiveView(running, region, clock, () -> width(terminal.get()), output.style());
        view.start();
        return new ProgressDisplay(new ApplyProgress(output.above(region), masker, running, tally, clock), running, Optional.of(view),
                terminal);
    }

    ApplyListener listener() {
        return listener;
    }

    /** Stops the drawing from a shutdown hook (Ctrl-C), leaving the printed lines and no live line. */
    void stopDrawing() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The hosts at work right now, with their step and action. */
    List<RunningHosts.Activity> atWork() {
        return running.now();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (view.isPresent()) {
                view.get().close();
            }
        } finally {
            terminal.ifPresent(ProgressDisplay::closeQuietly);
        }
    }

    private static void closeQuietly(Terminal terminal) {
        try {
            terminal.close();
        } catch (IOException e) {
            // Only its size was read: a terminal that will not close leaves nothing to undo.
        }
    }

    /** JLine's view of the terminal, for its width as it changes; none when JLine finds only a dumb one. */
    private static Optional<Terminal> sizeOfTerminal() {
        try {
            // No signal handling of JLine's: it would put SIGINT back to the OS default, which kills
            // the JVM at once, and Ctrl-C must run apply's shutdown hook (where the apply was).
            Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).nativeSignals(false).build();
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                closeQuietly(terminal);
                return Optional.empty();
            }
            return Optional.of(terminal);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int width(Terminal terminal) {
        int columns = terminal.getWidth();
        return columns > 0 ? columns : DEFAULT_WIDTH;
    }
}
