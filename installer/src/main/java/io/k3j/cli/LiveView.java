package io.k3j.cli;

import io.k3j.output.LiveRegion;
import io.k3j.output.Style;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Draws the running hosts at the bottom of the terminal ten times a second, from a thread of its
 * own: the hosts' threads only update {@link RunningHosts} and queue lines, never wait on the terminal.
 */
final class LiveView implements AutoCloseable {
    private static final long REDRAW_MILLIS = 100;

    private final RunningHosts hosts;
    private final LiveRegion region;
    private final Clock clock;
    private final IntSupplier width;
    private final Style style;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "k3j-live-view");
        thread.setDaemon(true);
        return thread;
    });
    private long ticks;

    LiveView(RunningHosts hosts, LiveRegion region, Clock clock, IntSupplier width, Style style) {
        this.hosts = hosts;
        this.region = region;
        this.clock = clock;
        this.width = width;
        this.style = style;
    }

    void start() {
        timer.scheduleAtFixedRate(this::draw, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One redraw: the lines printed since the last, then a frame of the running hosts. */
    synchronized void draw() {
        region.draw(LiveFrame.lines(hosts.now(), clock.instant(), ticks++, width.getAsInt(), style));
    }

    /** Stops redrawing and leaves the terminal with every printed line and no live line. */
    @Override
    public void close() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(1, TimeUnit.SECONDS);
        synchronized (this) {
            region.draw(List.of());
        }
    }
}
