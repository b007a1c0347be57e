package io.k3j.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Asks again, once a second, until the answer is the one waited for or the time limit has passed;
 * then the last answer makes the error, so it can say what was seen. Clock and sleep are
 * injected: tests wait no real time.
 */
final class Poll {
    static final Duration INTERVAL = Duration.ofSeconds(1);

    interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }

    private final Clock clock;
    private final Sleeper sleeper;

    Poll(Clock clock) {
        this(clock, pause -> Thread.sleep(pause.toMillis()));
    }

    Poll(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    <T> T until(Supplier<T> ask, Predicate<T> done, Duration limit, Function<T, RuntimeException> timedOut)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(limit);
        while (true) {
            T answer = ask.get();
            if (done.test(answer)) {
                return answer;
            }
            if (clock.instant().isAfter(deadline)) {
                throw timedOut.apply(answer);
            }
            sleeper.sleep(INTERVAL);
        }
    }
}
