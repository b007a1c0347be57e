package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.Change;
import io.k3j.apply.HostReport;
import io.k3j.apply.StepFailure;
import io.k3j.output.Json;
import io.k3j.output.Style;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.Step;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplySummaryTest {
    private static final ActionOutcome CHANGED = new ActionOutcome("write config.yaml", Change.CHANGED, "", Duration.ofSeconds(1));
    private static final ActionOutcome CHECKED = new ActionOutcome("check the datastore", Change.CHECKED, "", Duration.ofSeconds(1));

    private final ApplyTally tally = new ApplyTally();

    @Test
    void aRowPerHostOverItsStepsWithRoleResultAndTime() {
        tally.done(new HostReport(Step.DATASTORE, "10.0.0.5", "datastore", List.of(CHANGED, CHANGED), Duration.ofSeconds(20)));
        tally.done(new HostReport(Step.DATASTORE, "10.0.0.11", "server, checking the datastore", List.of(CHECKED), Duration.ofMillis(800)));
        tally.done(new HostReport(Step.SERVERS, "10.0.0.11", "first server", List.of(CHANGED), Duration.ofSeconds(45)));
        tally.done(new HostReport(Step.WORKERS, "10.0.0.31", "worker", List.of(CHECKED), Duration.ofMillis(1200)));

        ApplySummary summary = new ApplySummary(tally.entries(), Duration.ofSeconds(70), new SecretMasker(Set.of()));

        assertThat(summary.table(new Style(false))).containsExactly(
                "  HOST       STEPS               ROLE          RESULT      TIME",
                "  10.0.0.5   datastore           datastore     changed 2   20.0s",
                "  10.0.0.11  datastore, servers  first server  changed 1   45.8s",
                "  10.0.0.31  workers             worker        no changes  1.2s");
        assertThat(summary.changes()).isEqualTo(3);
        assertThat(summary.hostsChanged()).isEqualTo(2);
        assertThat(summary.failed()).isZero();
    }

    @Test
    void aFailedHostShowsTheActionItFailedAtMasked() {
        tally.done(new HostReport(Step.SERVERS, "10.0.0.11", "first server", List.of(CHANGED), Duration.ofSeconds(3)));
        tally.failed(new StepFailure("10.0.0.12", Step.SERVERS, "join with token s3cret", "refused", "check the token"), "server",
                Duration.ofSeconds(2));

        ApplySummary summary = new ApplySummary(tally.entries(), Duration.ofSeconds(5), new SecretMasker(Set.of("s3cret")));

        assertThat(summary.table(new Style(false))).contains("  10.0.0.12  servers  server        failed: join with token ********  2.0s");
        assertThat(summary.failed()).isEqualTo(1);
    }

    @Test
    void theJsonSummaryHasEveryHostAndTheTotals() {
        tally.done(new HostReport(Step.SERVERS, "10.0.0.11", "first server", List.of(CHANGED), Duration.ofSeconds(3)));
        tally.failed(new StepFailure("10.0.0.12", Step.SERVERS, "join", "refused s3cret", "check the token"), "server", Duration.ofSeconds(2));

        Object[] fields = new ApplySummary(tally.entries(), Duration.ofSeconds(5), new SecretMasker(Set.of("s3cret")))
                .eventFields("failed", "run_log", "run.log");

        Map<String, Object> event = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            event.put((String) fields[i], fields[i + 1]);
        }
        assertThat(Json.write(event)).isEqualTo("{\"status\":\"failed\",\"hosts\":["
                + "{\"host\":\"10.0.0.11\",\"steps\":[\"servers\"],\"roles\":[\"first server\"],\"result\":\"changed\",\"changed\":1,"
                + "\"duration_ms\":3000},"
                + "{\"host\":\"10.0.0.12\",\"steps\":[\"servers\"],\"roles\":[\"server\"],\"result\":\"failed\",\"changed\":0,"
                + "\"duration_ms\":2000,\"step\":\"servers\",\"action\":\"join\",\"error\":\"refused ********\",\"fix\":\"check the token\"}],"
                + "\"changed\":1,\"failed\":1,\"duration_ms\":5000,\"run_log\":\"run.log\"}");
    }
}
