package io.k3j.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one piece of work per host, at most {@code parallel} hosts at a time, and waits for all
 * of them: a failure on one host does not stop the others of the same wave (their work is
 * idempotent and each result is reported), but the caller stops before the next wave. A host's
 * work that was interrupted ({@link HostWorkInterrupted}) makes the whole wave interrupted.
 */
public final class WaveRunner {
    private final int parallel;
    private final Clock clock;

    public WaveRunner(int parallel, Clock clock) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.parallel = parallel;
        this.clock = clock;
    }

    /** What one host's work came to. */
    public record HostOutcome<R>(String host, R result, Throwable failure, Duration took) {

        public boolean failed() {
            return failure != null;
        }
    }

    public <R> List<HostOutcome<R>> run(List<String> hosts, Function<String, R> work) throws InterruptedException {
        return run(hosts, work, outcome -> { });
    }

    /** As {@link #run(List, Function)}, and each outcome also goes to {@code ended} on its host's thread as soon as it is known. */
    public <R> List<HostOutcome<R>> run(List<String> hosts, Function<String, R> work, Consumer<HostOutcome<R>> ended)
            throws InterruptedException {
        if (hosts.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, hosts.size()), runnable -> {
            Thread thread = new Thread(runnable, "k3j-host");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<HostOutcome<R>>> futures = new ArrayList<>();
            for (String host : hosts) {
                futures.add(pool.submit(() -> {
                    HostOutcome<R> outcome = runOne(host, work);
                    if (!(outcome.failure() instanceof HostWorkInterrupted)) {
                        ended.accept(outcome);
                    }
                    return outcome;
                }));
            }
            List<HostOutcome<R>> outcomes = new ArrayList<>();
            for (Future<HostOutcome<R>> future : futures) {
                HostOutcome<R> outcome = future.get();
                if (outcome.failure() instanceof HostWorkInterrupted interrupted) {
                    throw (InterruptedException) new InterruptedException(interrupted.getMessage()).initCause(interrupted);
                }
                outcomes.add(outcome);
            }
            return outcomes;
        } catch (ExecutionException e) {
            // runOne catches everything the work throws; reaching here is a bug (here or in `ended`).
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private <R> HostOutcome<R> runOne(String host, Function<String, R> work) {
        Instant start = clock.instant();
        try {
            R result = work.apply(host);
            return new HostOutcome<>(host, result, null, Duration.between(start, clock.instant()));
        } catch (RuntimeException | Error e) {
            return new HostOutcome<>(host, null, e, Duration.between(start, clock.instant()));
        }
    }
}
