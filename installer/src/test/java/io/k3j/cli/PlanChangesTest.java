package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.Change;
import io.k3j.apply.ClusterApply;
import io.k3j.apply.HostReport;
import io.k3j.apply.StepRun;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.Action;
import io.k3j.plan.HostPlan;
import io.k3j.plan.ManagedFile;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.Step;
import io.k3j.plan.StepPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A dry run's diff of a file whose secrets changed: neither side shows one, in text or JSON. */
class PlanChangesTest {
    private static final String NEW_TOKEN = "new-token-'with-a-quote";
    private static final String NEW_PASSWORD = "new-pw!";
    private static final String CONFIG = "/etc/rancher/k3s/config.yaml";

    private String printed(boolean json, String config, String onHost) {
        StringWriter out = new StringWriter();
        Output output = new Output(new PrintWriter(out), new PrintWriter(new StringWriter()), json, 0, new Style(false));
        Action write = Action.write(ManagedFile.rootOnly(CONFIG, config));
        HostPlan host = new HostPlan("198.51.100.11", "first server", List.of(write));
        ActionOutcome outcome = new ActionOutcome(write.description(), Change.CHANGED, write.description(), Duration.ZERO,
                Optional.of(onHost));
        StepRun step = new StepRun(new StepPlan(Step.SERVERS, "1 server", List.of(List.of(host))),
                List.of(new HostReport(Step.SERVERS, host.host(), host.role(), List.of(outcome), Duration.ZERO)), Optional.empty());
        new PlanChanges(output, true).print("demo", new ClusterApply.DryRun(List.of(step), new SecretMasker(Set.of(NEW_TOKEN, NEW_PASSWORD))),
                "then the nodes");
        return out.toString();
    }

    @Test
    void aRotatedSecretIsMaskedOnTheOldSideOfTheDiffToo() {
        String config = "token: \"new-token-'with-a-quote\"\n"
                + "datastore-endpoint: \"postgres://k3s:new-pw%21@198.51.100.5:5432/k3s\"\n";
        String onHost = "token: \"K10abc::server:old-token\"\n"
                + "agent-token: 'old-agent''s'\n"
                + "datastore-endpoint: postgres://k3s:old%40pw@198.51.100.5:5432/k3s\n";

        String text = printed(false, config, onHost);
        String json = printed(true, config, onHost);

        assertThat(text).contains("~ write " + CONFIG + " (0600)", "- token: \"********\"", "+ token: \"********\"",
                "- agent-token: '********'", "- datastore-endpoint: postgres://k3s:********@198.51.100.5",
                "+ datastore-endpoint: \"postgres://k3s:********@", "Plan: 0 to add, 1 to change, 0 to remove.");
        assertThat(json).contains("\"change\":\"change\"", "\"path\":\"" + CONFIG + "\"", "- token: \\\"********\\\"");
        assertThat(text + json).doesNotContain("old-token", "old-agent", "old%40pw", "new-token", "new-pw");
    }
}
