package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollTest {
    private static final Duration LIMIT = Duration.ofSeconds(3);

    private final ManualClock clock = new ManualClock();
    private final List<Duration> slept = new ArrayList<>();
    private final Poll poll = new Poll(clock, pause -> {
        slept.add(pause);
        clock.advance(pause);
    });

    private static Iterator<String> answers(String... answers) {
        return List.of(answers).iterator();
    }

    @Test
    void anAnswerThatIsAlreadyTheOneWaitedForReturnsAtOnce() throws InterruptedException {
        assertThat(poll.until(() -> "Ready", "Ready"::equals, LIMIT, IllegalStateException::new)).isEqualTo("Ready");
        assertThat(slept).isEmpty();
    }

    @Test
    void asksAgainOnceASecondUntilTheAnswerIsTheOneWaitedFor() throws InterruptedException {
        Iterator<String> answers = answers("not registered", "NotReady", "Ready");

        assertThat(poll.until(answers::next, "Ready"::equals, LIMIT, IllegalStateException::new)).isEqualTo("Ready");
        assertThat(slept).containsExactly(Poll.INTERVAL, Poll.INTERVAL);
    }

    @Test
    void afterTheLimitTheLastAnswerMakesTheError() {
        Iterator<String> answers = answers("not registered", "NotReady", "NotReady", "NotReady", "NotReady (last)", "Ready");

        assertThatThrownBy(() -> poll.until(answers::next, "Ready"::equals, LIMIT, last -> new IllegalStateException("node is " + last)))
                .isInstanceOf(IllegalStateException.class).hasMessage("node is NotReady (last)");
        assertThat(slept).hasSize(4);
        assertThat(answers.next()).isEqualTo("Ready");
    }

    @Test
    void anInterruptedWaitEndsTheWait() {
        Poll interrupted = new Poll(clock, pause -> {
            throw new InterruptedException();
        });

        assertThatThrownBy(() -> interrupted.until(() -> "NotReady", "Ready"::equals, LIMIT, IllegalStateException::new))
                .isInstanceOf(InterruptedException.class);
    }
}
