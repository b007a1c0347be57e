package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.Change;
import io.k3j.apply.HostReport;
import io.k3j.apply.Node;
import io.k3j.apply.StepFailure;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.Step;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplyEndingTest {
    private static final SecretMasker MASKER = new SecretMasker(Set.of("s3cret"));
    private static final List<Node> NODES = List.of(
            new Node("server1", true, List.of("control-plane", "master"), Map.of(), List.of(), "v1.31.4+k3s1", "10.0.0.11"));
    private static final Path KUBECONFIG = Path.of("/tmp/lab.kubeconfig");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ApplyTally tally = new ApplyTally();

    private ApplyEnding ending(boolean json) {
        Output output = new Output(new PrintWriter(out), new PrintWriter(err), json, 0, new Style(false));
        return new ApplyEnding(output, Path.of("inventory.yaml"), MASKER);
    }

    private ApplySummary summary() {
        return new ApplySummary(tally.entries(), Duration.ofSeconds(42), MASKER);
    }

    @Test
    void aSecondApplySaysNothingChangedThenTheKubeconfigAndWhatToRunNext() {
        tally.done(new HostReport(Step.SERVERS, "10.0.0.11", "first server",
                List.of(new ActionOutcome("write config.yaml", Change.UNCHANGED, "", Duration.ZERO)), Duration.ofSeconds(2)));

        ending(false).applied(summary(), NODES, "lab", "https://10.0.0.20:6443", KUBECONFIG);

        assertThat(out.toString()).isEqualTo("""

                Summary
                  HOST       STEPS    ROLE          RESULT      TIME
                  10.0.0.11  servers  first server  no changes  2.0s

                ✓ no changes: every host already matched the inventory (1 host, 42.0s)

                NAME      STATUS    ROLES                   VERSION
                server1   Ready     control-plane,master    v1.31.4+k3s1

                kubeconfig: /tmp/lab.kubeconfig (context lab, server https://10.0.0.20:6443)
                next:
                  kubectl --kubeconfig /tmp/lab.kubeconfig get nodes   # the nodes, through the registration address
                  k3j-install plan inventory.yaml   # nothing pending: the hosts match the inventory
                """).doesNotContain(" changed  ");
    }

    @Test
    void anApplyThatChangedCountsChangesAndHosts() {
        ActionOutcome changed = new ActionOutcome("write config.yaml", Change.CHANGED, "", Duration.ZERO);
        tally.done(new HostReport(Step.SERVERS, "10.0.0.11", "first server", List.of(changed, changed), Duration.ofSeconds(2)));
        tally.done(new HostReport(Step.WORKERS, "10.0.0.31", "worker", List.of(), Duration.ofSeconds(1)));

        ending(false).applied(summary(), NODES, "lab", "https://10.0.0.20:6443", KUBECONFIG);

        assertThat(out.toString()).contains("✓ applied 2 changes on 1 of 2 hosts in 42.0s\n");
    }

    @Test
    void inJsonTheEndIsAnAppliedAndASummaryEvent() {
        tally.done(new HostReport(Step.SERVERS, "10.0.0.11", "first server", List.of(), Duration.ofSeconds(2)));

        ending(true).applied(summary(), NODES, "lab", "https://10.0.0.20:6443", KUBECONFIG);

        assertThat(out.toString().lines()).hasSize(2);
        assertThat(out.toString().lines().toList().get(0)).startsWith("{\"event\":\"applied\",\"cluster\":\"lab\",\"changed\":0,");
        assertThat(out.toString().lines().toList().get(1)).startsWith("{\"event\":\"summary\",\"status\":\"ok\",\"hosts\":[{\"host\":\"10.0.0.11\"")
                .endsWith(",\"changed\":0,\"failed\":0,\"duration_ms\":42000,\"kubeconfig\":\"/tmp/lab.kubeconfig\"}");
    }

    @Test
    void aStoppedApplyShowsTheFailedHostItsErrorAndFixAndHowToResume() {
        tally.done(new HostReport(Step.SERVERS, "10.0.0.11", "first server", List.of(), Duration.ofSeconds(2)));
        StepFailure failure = new StepFailure("10.0.0.12", Step.SERVERS, "download k3s", "sha256 does not match for s3cret",
                "check the release");
        tally.failed(failure, "server", Duration.ofSeconds(3));

        CliException stop = ending(false).stopped(summary(), List.of(failure), Path.of("run.log"));

        assertThat(out.toString()).contains("  10.0.0.12  servers  server        failed: download k3s  3.0s\n")
                .contains("✗ apply stopped in step 2. Servers: 1 host failed; 0 changes made before, in 42.0s\n");
        assertThat(err.toString()).isEqualTo(
                "error: 10.0.0.12: step 2. Servers: download k3s: sha256 does not match for ********. Check the release\n");
        assertThat(stop.exitCode()).isEqualTo(ExitCode.APPLY_FAILED);
        assertThat(stop.getMessage()).contains("run 'k3j-install apply inventory.yaml' again: it carries on from what is there")
                .contains("run.log");
    }

    @Test
    void aDatastoreThatFailsTheServersCheckBeforeAnyChangeEndsAsAPreflightWithNoHostChanged() {
        StepFailure failure = new StepFailure("10.0.0.11", Step.DATASTORE, "log in from this host to 10.0.0.5:5432 as K3s will",
                "connection refused", "start the datastore");
        tally.failed(failure, "server, checking the datastore", Duration.ofSeconds(1));

        CliException stop = ending(false).stopped(summary(), List.of(failure), Path.of("run.log"));

        assertThat(err.toString()).contains("error: 10.0.0.11: step 1. Datastore: log in from this host to 10.0.0.5:5432");
        assertThat(stop.exitCode()).isEqualTo(ExitCode.PREFLIGHT_FAILED);
        assertThat(stop.getMessage()).contains("no host was changed");
    }

    @Test
    void aDatastoreStepThatFailsAfterAChangeIsAnApplyFailure() {
        tally.done(new HostReport(Step.DATASTORE, "10.0.0.5", "datastore",
                List.of(new ActionOutcome("install postgresql", Change.CHANGED, "", Duration.ZERO)), Duration.ofSeconds(3)));
        StepFailure failure = new StepFailure("10.0.0.11", Step.DATASTORE, "log in", "connection refused", "");
        tally.failed(failure, "server, checking the datastore", Duration.ofSeconds(1));

        assertThat(ending(false).stopped(summary(), List.of(failure), Path.of("run.log")).exitCode()).isEqualTo(ExitCode.APPLY_FAILED);
    }

    @Test
    void ctrlCTellsWhereEachHostAtWorkWasAndHowToCarryOn() {
        tally.done(new HostReport(Step.DATASTORE, "10.0.0.5", "datastore",
                List.of(new ActionOutcome("install postgresql", Change.CHANGED, "", Duration.ZERO)), Duration.ofSeconds(3)));
        RunningHosts running = new RunningHosts();
        running.started(Step.SERVERS, "10.0.0.11", "first server", Instant.EPOCH);
        running.actionStarted("10.0.0.11", "start k3s with token s3cret", Instant.EPOCH);

        ending(false).interrupted(summary(), running.now(), Path.of("/tmp/run.log"));

        assertThat(out.toString()).contains("10.0.0.5  datastore  datastore  changed 1  3.0s")
                .contains("✗ apply interrupted (Ctrl-C or SIGTERM) after 42.0s; 1 change made before");
        assertThat(err.toString()).isEqualTo("""
                error: 10.0.0.11: step 2. Servers: interrupted while at: start k3s with token ********
                error: what was done stays done; run 'k3j-install apply inventory.yaml' again to carry on from there \
                (a service stopped before it was ready is restarted then). The run log is /tmp/run.log
                """);
    }
}
