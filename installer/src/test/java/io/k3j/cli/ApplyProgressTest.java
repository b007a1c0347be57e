package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.Change;
import io.k3j.apply.HostReport;
import io.k3j.apply.StepFailure;
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

/** The listener driven as an apply would drive it, with a manual clock and captured output: no terminal, no SSH. */
class ApplyProgressTest {
    private static final StepPlan SERVERS = new StepPlan(Step.SERVERS, "2 servers", List.of());

    private final ManualClock clock = new ManualClock();
    private final StringWriter out = new StringWriter();
    private final ApplyTally tally = new ApplyTally();

    private ApplyProgress progress(boolean json, int verbosity) {
        Output output = new Output(new PrintWriter(out), new PrintWriter(new StringWriter()), json, verbosity, new Style(false));
        return new ApplyProgress(output, new SecretMasker(Set.of("s3cret")), new RunningHosts(), tally, clock);
    }

    /** One server that changes its config and waits for K3s, one that fails on a command holding the secret. */
    private void run(ApplyProgress progress) {
        progress.stepStarted(SERVERS);
        progress.hostStarted(SERVERS, "10.0.0.11", "first server");
        progress.hostStarted(SERVERS, "10.0.0.12", "server");
        progress.actionStarted(Step.SERVERS, "10.0.0.11", "write /etc/rancher/k3s/config.yaml");
        progress.actionStarted(Step.SERVERS, "10.0.0.12", "check token s3cret");
        clock.advance(Duration.ofMillis(1500));
        ActionOutcome written = new ActionOutcome("write /etc/rancher/k3s/config.yaml", Change.CHANGED, "wrote it", Duration.ofMillis(1500));
        progress.actionDone(Step.SERVERS, "10.0.0.11", written);
        progress.actionStarted(Step.SERVERS, "10.0.0.11", "start k3s");
        progress.waiting("10.0.0.11", "waiting for k3s to be ready");
        clock.advance(Duration.ofSeconds(2));
        progress.hostFailed(new StepFailure("10.0.0.12", Step.SERVERS, "check token s3cret", "token s3cret refused", "give the right token"));
        ActionOutcome started = new ActionOutcome("start k3s", Change.CHANGED, "started k3s", Duration.ofSeconds(2));
        progress.actionDone(Step.SERVERS, "10.0.0.11", started);
        progress.hostDone(new HostReport(Step.SERVERS, "10.0.0.11", "first server", List.of(written, started), Duration.ofMillis(3500)));
    }

    @Test
    void withoutATerminalEachHostIsOnePlainLineAsItEnds() {
        run(progress(false, 0));

        assertThat(out.toString()).isEqualTo("""

                2. Servers  2 servers
                  ✗ 10.0.0.12 (server)  check token ********  3.5s
                  ✓ 10.0.0.11 (first server)  2 changed  3.5s
                """).doesNotContain("\u001b", "\r");
    }

    @Test
    void verboseAddsTheWaitsAndEveryAction() {
        run(progress(false, 1));

        assertThat(out.toString()).contains("  … 10.0.0.11: waiting for k3s to be ready\n")
                .contains("      changed   start k3s: started k3s\n").doesNotContain("\u001b", "s3cret");
    }

    @Test
    void jsonHasAnEventPerStepHostAndActionWithItsStatusDurationAndError() {
        run(progress(true, 0));

        assertThat(out.toString().lines()).containsExactly(
                "{\"event\":\"step\",\"step\":\"servers\",\"status\":\"started\",\"summary\":\"2 servers\"}",
                "{\"event\":\"host\",\"step\":\"servers\",\"host\":\"10.0.0.11\",\"role\":\"first server\",\"status\":\"started\"}",
                "{\"event\":\"host\",\"step\":\"servers\",\"host\":\"10.0.0.12\",\"role\":\"server\",\"status\":\"started\"}",
                "{\"event\":\"action\",\"step\":\"servers\",\"host\":\"10.0.0.11\",\"action\":\"write /etc/rancher/k3s/config.yaml\","
                        + "\"status\":\"started\"}",
                "{\"event\":\"action\",\"step\":\"servers\",\"host\":\"10.0.0.12\",\"action\":\"check token ********\",\"status\":\"started\"}",
                "{\"event\":\"action\",\"step\":\"servers\",\"host\":\"10.0.0.11\",\"action\":\"write /etc/rancher/k3s/config.yaml\","
                        + "\"status\":\"ok\",\"result\":\"changed\",\"detail\":\"wrote it\",\"duration_ms\":1500}",
                "{\"event\":\"action\",\"step\":\"servers\",\"host\":\"10.0.0.11\",\"action\":\"start k3s\",\"status\":\"started\"}",
                "{\"event\":\"action\",\"step\":\"servers\",\"host\":\"10.0.0.11\",\"action\":\"start k3s\",\"status\":\"waiting\","
                        + "\"detail\":\"waiting for k3s to be ready\"}",
                "{\"event\":\"action\",\"step\":\"servers\",\"host\":\"10.0.0.12\",\"action\":\"check token ********\",\"status\":\"failed\","
                        + "\"error\":\"token ******** refused\",\"fix\":\"give the right token\",\"duration_ms\":3500}",
                "{\"event\":\"host\",\"step\":\"servers\",\"host\":\"10.0.0.12\",\"role\":\"server\",\"status\":\"failed\","
                        + "\"action\":\"check token ********\",\"error\":\"token ******** refused\",\"fix\":\"give the right token\","
                        + "\"duration_ms\":3500}",
                "{\"event\":\"action\",\"step\":\"servers\",\"host\":\"10.0.0.11\",\"action\":\"start k3s\",\"status\":\"ok\","
                        + "\"result\":\"changed\",\"detail\":\"started k3s\",\"duration_ms\":2000}",
                "{\"event\":\"host\",\"step\":\"servers\",\"host\":\"10.0.0.11\",\"role\":\"first server\",\"status\":\"ok\",\"changed\":2,"
                        + "\"duration_ms\":3500,\"actions\":[{\"action\":\"write /etc/rancher/k3s/config.yaml\",\"result\":\"changed\","
                        + "\"detail\":\"wrote it\",\"duration_ms\":1500},{\"action\":\"start k3s\",\"result\":\"changed\","
                        + "\"detail\":\"started k3s\",\"duration_ms\":2000}]}");
    }

    @Test
    void theTallyHasEveryHostAsItEnded() {
        run(progress(false, -1));

        assertThat(tally.entries()).extracting(ApplyTally.Entry::host, ApplyTally.Entry::role, ApplyTally.Entry::changed)
                .containsExactly(tuple("10.0.0.12", "server", 0L),
                        tuple("10.0.0.11", "first server", 2L));
        assertThat(tally.entries().get(0).failure()).isPresent();
        assertThat(out.toString()).isEmpty();
    }
}
