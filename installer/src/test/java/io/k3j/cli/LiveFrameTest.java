package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.output.Style;
import io.k3j.plan.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LiveFrameTest {
    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aLinePerHostWithSpinnerHostRoleActionAndTime() {
        RunningHosts.Activity first = activity("10.0.0.11", "first server", "install k3s v1.31.4+k3s1", Optional.empty());
        RunningHosts.Activity second = activity("10.0.0.12", "server", "", Optional.empty());

        List<String> lines = LiveFrame.lines(List.of(first, second), START.plusSeconds(75), 0, 120, new Style(false));

        assertThat(lines).containsExactly(
                "  ⠋ 10.0.0.11 (first server)  install k3s v1.31.4+k3s1  1m15s",
                "  ⠋ 10.0.0.12 (server)  starting  1m15s");
    }

    @Test
    void aWaitShowsWhatItWaitsForAndForHowLong() {
        RunningHosts.Activity waiting = activity("10.0.0.11", "server", "start k3s",
                Optional.of(new RunningHosts.Wait("waiting for k3s to be ready", START.plusSeconds(3))));

        List<String> lines = LiveFrame.lines(List.of(waiting), START.plusSeconds(15), 0, 120, new Style(false));

        assertThat(lines).containsExactly("  ⠋ 10.0.0.11 (server)  waiting for k3s to be ready (12s)  15s");
    }

    @Test
    void whatAHostSaidCannotMoveTheCursorOrClearTheScreen() {
        RunningHosts.Activity waiting = activity("10.0.0.11", "server", "start k3s",
                Optional.of(new RunningHosts.Wait("k3s: \u001b[1A\u001b[2Kdone\r ok", START)));

        List<String> lines = LiveFrame.lines(List.of(waiting), START, 0, 120, new Style(false));

        assertThat(lines).containsExactly("  ⠋ 10.0.0.11 (server)  k3s: done ok (0s)  0s");
    }

    @Test
    void theSpinnerTurnsWithEachTick() {
        List<RunningHosts.Activity> hosts = List.of(activity("h", "worker", "a", Optional.empty()));

        List<String> spinners = List.of(0L, 1L, 2L, 10L).stream()
                .map(tick -> LiveFrame.lines(hosts, START, tick, 80, new Style(false)).get(0).substring(2, 3)).toList();

        assertThat(spinners).containsExactly("⠋", "⠙", "⠹", "⠋");
    }

    @Test
    void aLongActionIsCutToLeaveTheLastColumnFree() {
        RunningHosts.Activity host = activity("10.0.0.31", "worker", "write /etc/rancher/k3s/config.yaml ".repeat(5), Optional.empty());

        String line = LiveFrame.lines(List.of(host), START.plusSeconds(4), 0, 60, new Style(false)).get(0);

        assertThat(line).hasSize(59).startsWith("  ⠋ 10.0.0.31 (worker)  write /etc").endsWith("…  4s");
    }

    @Test
    void colourGoesOnTheSpinnerAndTheTimeOnly() {
        RunningHosts.Activity host = activity("h", "worker", "a", Optional.empty());

        String line = LiveFrame.lines(List.of(host), START, 0, 80, new Style(true)).get(0);

        assertThat(line).contains("\u001b[").contains("h (worker)  a").doesNotContain("\u001b[1A");
    }

    private static RunningHosts.Activity activity(String host, String role, String action, Optional<RunningHosts.Wait> waiting) {
        return new RunningHosts.Activity(Step.SERVERS, host, role, START, action, START, waiting);
    }
}
