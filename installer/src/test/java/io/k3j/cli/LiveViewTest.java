package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.Change;
import io.k3j.apply.HostReport;
import io.k3j.output.LiveRegion;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.Step;
import io.k3j.plan.StepPlan;
import io.k3j.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The live view as a terminal would get it, each redraw called by the test instead of the timer. */
class LiveViewTest {
    private static final StepPlan SERVERS = new StepPlan(Step.SERVERS, "2 servers", List.of());

    private final ManualClock clock = new ManualClock();
    private final StringWriter screen = new StringWriter();
    private final RunningHosts running = new RunningHosts();
    private final LiveRegion region = new LiveRegion(new PrintWriter(screen));
    private final LiveView view = new LiveView(running, region, clock, () -> 100, new Style(false));
    private final ApplyProgress progress = new ApplyProgress(
            new Output(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), false, 0, new Style(false)).above(region),
            new SecretMasker(Set.of("s3cret")), running, new ApplyTally(), clock);

    @Test
    void eachFrameRedrawsTheRunningHostsInPlaceAndADoneHostBecomesItsFinalLine() throws InterruptedException {
        progress.stepStarted(SERVERS);
        progress.hostStarted(SERVERS, "10.0.0.11", "server");
        progress.hostStarted(SERVERS, "10.0.0.12", "server");
        progress.actionStarted(Step.SERVERS, "10.0.0.11", "start k3s");
        progress.actionStarted(Step.SERVERS, "10.0.0.12", "write token s3cret");
        progress.waiting("10.0.0.11", "waiting for k3s to be ready");
        view.draw();
        String first = screen.toString();
        clock.advance(Duration.ofSeconds(12));
        view.draw();
        String second = screen.toString().substring(first.length());
        progress.hostDone(new HostReport(Step.SERVERS, "10.0.0.12", "server",
                List.of(new ActionOutcome("write token s3cret", Change.UNCHANGED, "", Duration.ofSeconds(1))), Duration.ofSeconds(12)));
        view.draw();
        String third = screen.toString().substring(first.length() + second.length());
        view.close();

        assertThat(first).isEqualTo("\u001b[J\n2. Servers  2 servers\n"
                + "  ⠋ 10.0.0.11 (server)  waiting for k3s to be ready (0s)  0s\n"
                + "  ⠋ 10.0.0.12 (server)  write token ********  0s\n");
        assertThat(second).isEqualTo("\r\u001b[2A\u001b[J"
                + "  ⠙ 10.0.0.11 (server)  waiting for k3s to be ready (12s)  12s\n"
                + "  ⠙ 10.0.0.12 (server)  write token ********  12s\n");
        assertThat(third).isEqualTo("\r\u001b[2A\u001b[J  ✓ 10.0.0.12 (server)  no changes  12.0s\n"
                + "  ⠹ 10.0.0.11 (server)  waiting for k3s to be ready (12s)  12s\n");
        assertThat(screen.toString()).endsWith("\r\u001b[1A\u001b[J").doesNotContain("s3cret");
    }
}
