package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ClusterApply;
import io.k3j.datastore.ProbeResult;
import io.k3j.inventory.Inventory;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.K3sToken;
import io.k3j.plan.Paths;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeCluster;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.FakeRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden files of the plan against the hosts (apply's dry run on fake hosts of airgap.yaml), in
 * text and as JSON events: before the first apply, right after it ("nothing to do"), and after a
 * label is added to the worker (its drop-in rewritten, the label set through the API, no restart). After an intended change, regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class OnlinePlanGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final String WORKER = "{address: 198.51.100.31}";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");
    private FakeRuns runs;

    @BeforeEach
    void runs() {
        runs = new FakeRuns(fakes, temp, (endpoint, tls, via) -> ProbeResult.fine("logged in"));
    }

    @Test
    void theFirstPlanShowsEveryFilePackageAndStartAndTheChecks() throws Exception {
        new FakeCluster(inventory, fakes);

        assertGolden("plan-online-airgap", runs.dryRun(inventory));
    }

    @Test
    void aPlanRightAfterAnApplyHasNothingToDo() throws Exception {
        new FakeCluster(inventory, fakes);
        runs.apply(inventory);

        ClusterApply.DryRun plan = runs.dryRun(inventory);

        assertThat(plan.changes()).isZero();
        assertGolden("plan-online-airgap-applied", plan);
    }

    @Test
    void aNewLabelOnTheWorkerRewritesItsDropInAndIsSetThroughTheApiRestartingNothing() throws Exception {
        new FakeCluster(inventory, fakes);
        runs.apply(inventory);
        Inventory labelled = ExampleInventories.load("airgap.yaml", text -> text.replace(WORKER,
                "{address: 198.51.100.31, labels: {disk: ssd}}"));

        ClusterApply.DryRun plan = runs.dryRun(labelled);

        assertThat(plan.changes()).isEqualTo(2);
        String text = printed(plan, false);
        assertThat(text).contains("~ write " + Paths.K3S_NODE_CONFIG + " (0600; ", "+   - \"disk=ssd\"",
                "+ node-198-51-100-31: label disk=ssd").doesNotContain("~ restart", "write " + Paths.K3S_CONFIG + " ");
        assertThat(printed(plan, true)).contains("\"changes\":[{\"change\":\"add\",\"detail\":\"node-198-51-100-31: label disk=ssd\"}]");
        // The tokens apply generated, on the hosts the plan read: in neither text nor JSON.
        String agentToken = fakes.host("198.51.100.11").file(Paths.AGENT_TOKEN).orElseThrow().text().strip();
        String serverToken = fakes.host("198.51.100.11").file(Paths.SERVER_TOKEN).orElseThrow().text().strip();
        assertThat(text + printed(plan, true)).doesNotContain(K3sToken.passwordOf(agentToken), K3sToken.passwordOf(serverToken));
        assertGolden("plan-online-airgap-label", plan);
    }

    private void assertGolden(String name, ClusterApply.DryRun plan) throws IOException {
        assertGolden(GOLDEN.resolve(name + ".txt"), printed(plan, false));
        assertGolden(GOLDEN.resolve(name + ".jsonl"), printed(plan, true));
    }

    private static void assertGolden(Path golden, String printed) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, printed);
        }
        assertThat(printed).isEqualTo(Files.readString(golden));
    }

    private String printed(ClusterApply.DryRun plan, boolean json) {
        StringWriter out = new StringWriter();
        Output output = new Output(new PrintWriter(out), new PrintWriter(new StringWriter()), json, 0, new Style(false));
        new PlanChanges(output, true).print(inventory.name(), plan, PlanCommand.afterwards(inventory));
        return out.toString();
    }
}
