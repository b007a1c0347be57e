package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaveRunnerTest {

    @Test
    void everyHostRunsAndEveryOutcomeIsKeptInOrder() throws InterruptedException {
        List<WaveRunner.HostOutcome<String>> outcomes = new WaveRunner(4, Clock.systemUTC())
                .run(List.of("a", "b", "c"), host -> {
                    if (host.equals("b")) {
                        throw new IllegalStateException("b broke");
                    }
                    return host.toUpperCase();
                });

        assertThat(outcomes).extracting(WaveRunner.HostOutcome::host).containsExactly("a", "b", "c");
        assertThat(outcomes.get(0).result()).isEqualTo("A");
        assertThat(outcomes.get(1).failed()).isTrue();
        assertThat(outcomes.get(1).failure()).hasMessage("b broke");
        assertThat(outcomes.get(2).result()).isEqualTo("C");
    }

    @Test
    void neverRunsMoreHostsAtOnceThanAllowed() throws InterruptedException {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        new WaveRunner(2, Clock.systemUTC()).run(List.of("a", "b", "c", "d", "e"), host -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            running.decrementAndGet();
            return host;
        });

        assertThat(most.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void hostsOfAWaveReallyRunTogether() throws InterruptedException {
        CountDownLatch allStarted = new CountDownLatch(3);
        List<WaveRunner.HostOutcome<Boolean>> outcomes = new WaveRunner(3, Clock.systemUTC())
                .run(List.of("a", "b", "c"), host -> {
                    allStarted.countDown();
                    try {
                        // Each host waits for the others: only possible if all three run at once.
                        return allStarted.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.result()).isTrue());
    }

    @Test
    void eachHostIsToldAsSoonAsItEndsWhileTheOthersStillWork() throws InterruptedException {
        CountDownLatch aTold = new CountDownLatch(1);
        List<String> told = new CopyOnWriteArrayList<>();
        new WaveRunner(2, Clock.systemUTC()).run(List.of("a", "b"), host -> {
            try {
                // b ends only once a's end was told: telling waits for no wave.
                return host.equals("a") || aTold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, outcome -> {
            told.add(outcome.host() + "=" + outcome.result());
            if (outcome.host().equals("a")) {
                aTold.countDown();
            }
        });

        assertThat(told).containsExactly("a=true", "b=true");
    }

    @Test
    void refusesANonPositivePoolSize() {
        assertThatThrownBy(() -> new WaveRunner(0, Clock.systemUTC())).hasMessageContaining("at least 1");
    }

    @Test
    void aHostInterruptedMidWaitEndsTheWaveAsInterruptedAndIsNotReportedAsFailed() {
        List<String> ended = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> new WaveRunner(2, Clock.systemUTC()).run(List.of("a", "b"), host -> {
            if (host.equals("b")) {
                throw new HostWorkInterrupted("waiting for node b to be Ready", new InterruptedException());
            }
            return host;
        }, outcome -> ended.add(outcome.host())))
                .isInstanceOf(InterruptedException.class)
                .hasMessage("interrupted while waiting for node b to be Ready");
        assertThat(ended).doesNotContain("b");
    }
}
