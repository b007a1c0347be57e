package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.datastore.ProbeResult;
import io.k3j.facts.FactsParser;
import io.k3j.facts.FactsScript;
import io.k3j.facts.HostFacts;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.HostPlan;
import io.k3j.plan.Operation;
import io.k3j.plan.Planner;
import io.k3j.plan.Rollout;
import io.k3j.plan.Step;
import io.k3j.render.TemplateRenderer;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeCluster;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.FakeRuns;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker at the inventory's version is uncordoned only where an earlier run left it cordoned:
 * the plan tells from the node list read before any change (the preflight's, read once per
 * session), not from one {@code get node} per worker.
 */
class UncordonFromTheNodeListTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T01:02:03Z"), ZoneOffset.UTC);

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    @TempDir
    Path temp;

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");

    private Host worker() {
        return inventory.workers().hosts().get(0);
    }

    private static Node node(String name, Map<String, String> annotations) {
        return new Node(name, true, List.of(), Map.of(), List.of(), "v1.31.4+k3s1", "198.51.100.31", annotations);
    }

    private FactsKnowledge knowledge(ClusterNodes.Read nodes) {
        Map<String, HostFacts> facts = Map.of(worker().address(), FactsParser.parse("hostname=Worker-1\nk3s_version="
                + inventory.k3s().version() + "\n"));
        return new FactsKnowledge(facts, () -> nodes);
    }

    private List<Class<?>> workerActions(FactsKnowledge knowledge) {
        ClusterValues values = ClusterValues.offline(inventory, new InventoryLoader(Map.<String, String>of()::get).secrets(inventory));
        HostPlan plan = new Planner(new TemplateRenderer(), Rollout.DEFAULT).plan(Step.WORKERS, inventory, values, knowledge).hosts()
                .stream().filter(host -> host.host().equals(worker().address())).findFirst().orElseThrow();
        return plan.actions().stream().<Class<?>>map(action -> action.operation().getClass()).toList();
    }

    @Test
    void aWorkerWhoseNodeCarriesTheMarkIsUncordonedOneWithoutItOrWithoutANodeIsNot() {
        ClusterNodes.Read marked = new ClusterNodes.Read(List.of(node("worker-1", Map.of(Operation.Cordon.MARK, "true"))), Optional.empty());
        ClusterNodes.Read unmarked = new ClusterNodes.Read(List.of(node("worker-1", Map.of())), Optional.empty());
        ClusterNodes.Read absent = new ClusterNodes.Read(List.of(node("server-1", Map.of())), Optional.empty());

        assertThat(workerActions(knowledge(marked))).contains(Operation.Uncordon.class);
        assertThat(workerActions(knowledge(unmarked))).doesNotContain(Operation.Uncordon.class);
        assertThat(workerActions(knowledge(absent))).doesNotContain(Operation.Uncordon.class);
    }

    @Test
    void nodesThatCouldNotBeReadLeaveTheUncordonToReadTheNodeItself() {
        ClusterNodes.Read unreadable = new ClusterNodes.Read(List.of(), Optional.of("k3s kubectl get nodes failed on server-1"));

        assertThat(workerActions(knowledge(unreadable))).contains(Operation.Uncordon.class);
    }

    @Test
    void theNodeListIsReadOnceASessionThePreflightFirstThenThePlanReusingIt() throws Exception {
        new FakeCluster(inventory, fakes);
        new FakeRuns(fakes, temp, (endpoint, tls, via) -> ProbeResult.fine("logged in")).apply(inventory);
        String first = inventory.servers().hosts().get(0).address();
        // Its facts now say that K3s runs there, as gather-facts.sh reports it: the cluster's nodes are read on it.
        fakes.host(first).on("gather facts", sent -> sent.command().equals("sh -s") && sent.stdin().equals(FactsScript.text()),
                sent -> FakeHost.ok("os=debian\narch=x86_64\nhostname=server-1\ninit=systemd\nsystemd_state=running\naddresses="
                        + first + "\nk3s_server=active\n"));
        fakes.clearJournal();

        try (ConnectedHosts hosts = ConnectedHosts.connect(inventory, fakes, RunLog.create(temp.resolve("session.log"), CLOCK),
                new WaveRunner(1, CLOCK))) {
            assertThat(RunningVersions.read(inventory, hosts).nodes()).hasSize(3);
            FactsKnowledge knowledge = new FactsKnowledge(hosts.allFacts(), () -> RunningVersions.nodes(inventory, hosts));
            assertThat(knowledge.mayBeCordonedByK3j(worker())).isFalse();
            assertThat(RunningVersions.read(inventory, hosts).nodes()).hasSize(3);
        }

        assertThat(fakes.journal()).filteredOn(line -> line.contains("get node")).containsExactly(
                first + ": get nodes");
    }
}
