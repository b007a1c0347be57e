package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.facts.FactsParser;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Operation;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker's node through the API on the first server: cordoned and drained only while its
 * kubelet is not at the target, marked so that the next apply uncordons it; a refused drain names
 * the pod and the budget and leaves the node cordoned.
 */
class NodeRolloutTest {
    private static final String S1 = "198.51.100.11";
    private static final String W1 = "198.51.100.31";
    private static final String NEW = "v1.31.4+k3s1";
    private static final String NODE = """
            {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "worker-1", "annotations": {%s}},
             "spec": {%s}, "status": {"nodeInfo": {"kubeletVersion": "%s"}}}""";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private Inventory inventory;
    private Host worker;

    @BeforeEach
    void load() {
        inventory = ExampleInventories.load("airgap.yaml");
        worker = inventory.workers().hosts().get(0);
    }

    @Test
    void aNodeOnTheOldVersionIsMarkedThenCordoned() {
        node("", "", "v1.30.8+k3s1");
        fakes.host(S1).on("cordon", FakeHost.script("kubectl patch"), FakeHost.ok());

        HostApplier.Result result = rollout(Wet.APPLY).cordon(worker, new Operation.Cordon(NEW));

        assertThat(result).isEqualTo(new HostApplier.Result(Change.CHANGED, "cordoned node worker-1 (kubelet v1.30.8+k3s1 -> " + NEW + ")"));
        assertThat(fakes.host(S1).sent()).filteredOn(sent -> sent.stdin().contains("patch")).singleElement()
                .satisfies(sent -> assertThat(sent.stdin()).isEqualTo("k3s kubectl patch node 'worker-1' --type=merge -p "
                        + "'{\"metadata\":{\"annotations\":{\"k3j.io/cordoned-for-upgrade\":\"true\"}},\"spec\":{\"unschedulable\":true}}' >/dev/null"));
    }

    @Test
    void aNodeAtTheVersionOrNotRegisteredIsNeitherCordonedNorDrained() {
        node("", "", NEW);
        assertThat(rollout(Wet.APPLY).cordon(worker, new Operation.Cordon(NEW)).detail()).isEqualTo("node worker-1 is at " + NEW + " already");
        assertThat(rollout(Wet.APPLY).drain(worker, new Operation.Drain(NEW, Duration.ofSeconds(30))).change()).isEqualTo(Change.UNCHANGED);
        fakes.host(S1).on("get node", FakeHost.script("kubectl get node"), FakeHost.ok(""));
        assertThat(rollout(Wet.APPLY).cordon(worker, new Operation.Cordon(NEW)).detail()).isEqualTo("node worker-1 is not registered yet");
    }

    @Test
    void aNodeSomeoneElseCordonedIsNotMarkedSoItStaysCordoned() {
        node("", "\"unschedulable\": true", "v1.30.8+k3s1");

        assertThat(rollout(Wet.APPLY).cordon(worker, new Operation.Cordon(NEW)).detail())
                .isEqualTo("node worker-1 is cordoned already (not by k3j-install: it stays cordoned after the upgrade)");
        assertThat(rollout(Wet.APPLY).uncordon(worker).change()).isEqualTo(Change.UNCHANGED);
    }

    @Test
    void aDrainABudgetRefusesNamesThePodAndTheBudgetAndSaysTheNodeStaysCordoned() {
        node("\"k3j.io/cordoned-for-upgrade\": \"true\"", "\"unschedulable\": true", "v1.30.8+k3s1");
        fakes.host(S1).on("drain", FakeHost.script("kubectl drain 'worker-1' --ignore-daemonsets --delete-emptydir-data --timeout=30s"),
                        FakeHost.exit(1, "error when evicting pods/\"web-1\" -n \"default\" (will retry after 5s): Cannot evict pod as it "
                                + "would violate the pod's disruption budget.\nerror: unable to drain node \"worker-1\"\n"))
                .on("budgets", FakeHost.script("get poddisruptionbudgets -n 'default'"), FakeHost.ok("web"));

        assertThatThrownBy(() -> rollout(Wet.APPLY).drain(worker, new Operation.Drain(NEW, Duration.ofSeconds(30))))
                .isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("kubectl drain worker-1 could not evict pod default/web-1 (PodDisruptionBudget web in default): "
                        + "Cannot evict pod as it would violate the pod's disruption budget.")
                .satisfies(e -> assertThat(((ClusterChecks.CheckFailed) e).fix()).startsWith("node worker-1 stays cordoned at its old version"));
    }

    @Test
    void aNodeK3jInstallCordonedIsUncordonedAndUnmarkedAndADryRunOnlyReads() {
        node("\"k3j.io/cordoned-for-upgrade\": \"true\"", "\"unschedulable\": true", NEW);

        assertThat(rollout(Wet.DRY_RUN).uncordon(worker)).isEqualTo(new HostApplier.Result(Change.CHANGED, "uncordon node worker-1"));
        assertThat(fakes.journal()).containsExactly(S1 + ": get node");
        fakes.host(S1).on("uncordon", FakeHost.script("kubectl patch"), FakeHost.ok());
        assertThat(rollout(Wet.APPLY).uncordon(worker)).isEqualTo(new HostApplier.Result(Change.CHANGED, "uncordoned node worker-1"));
        assertThat(fakes.host(S1).sent()).filteredOn(sent -> sent.stdin().contains("patch")).singleElement()
                .satisfies(sent -> assertThat(sent.stdin()).isEqualTo("k3s kubectl patch node 'worker-1' --type=merge -p "
                        + "'{\"metadata\":{\"annotations\":{\"k3j.io/cordoned-for-upgrade\":null}},\"spec\":{\"unschedulable\":null}}' >/dev/null"));
    }

    @Test
    void aNodeThisRunCordonedIsDrainedAndUncordonedWithoutReadingItAgain() {
        node("", "", "v1.30.8+k3s1");
        fakes.host(S1).on("patch", FakeHost.script("kubectl patch"), FakeHost.ok())
                .on("drain", FakeHost.script("kubectl drain 'worker-1'"), FakeHost.ok());
        NodeRollout rollout = rollout(Wet.APPLY);

        rollout.cordon(worker, new Operation.Cordon(NEW));
        assertThat(rollout.drain(worker, new Operation.Drain(NEW, Duration.ofSeconds(30))).detail()).isEqualTo("drained node worker-1");
        assertThat(rollout.uncordon(worker).detail()).isEqualTo("uncordoned node worker-1");

        assertThat(fakes.journal()).containsExactly(S1 + ": get node", S1 + ": patch", S1 + ": drain", S1 + ": patch");
    }

    private void node(String annotations, String spec, String version) {
        fakes.host(S1).on("get node", FakeHost.script("\\Ak3s kubectl get node 'worker-1' -o json --ignore-not-found\\z"),
                FakeHost.ok(NODE.formatted(annotations, spec, version)));
    }

    private NodeRollout rollout(Wet wet) {
        ConnectedHosts hosts = new ConnectedHosts(Map.of(S1, fakes.host(S1), W1, fakes.host(W1)),
                Map.of(W1, FactsParser.parse("hostname=Worker-1\n")), RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        return new NodeRollout(new ApplyContext(inventory, hosts, Duration.ofSeconds(30), Clock.systemUTC(),
                DatastoreProbe.OVER_THE_NETWORK, wet));
    }
}
