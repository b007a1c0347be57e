package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.inventory.Inventory;
import io.k3j.plan.Operation;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A removed host's node through the API on the first server: drained with the upgrade's drain
 * (a refusal names the pod and the budget), a server only while two other Ready servers stay,
 * deleted once; a dry run only reads.
 */
class NodeRemovalTest {
    private static final String S1 = "198.51.100.11";
    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");

    @Test
    void aServerIsNotDrainedWhenFewerThanTwoOtherReadyServersWouldStay() {
        nodes(server("server-1", true), server("server-2", false), server("server-3", true));

        assertThatThrownBy(() -> removal(Wet.APPLY).drain(new Operation.DrainNode("server-3", true, S1, TIMEOUT)))
                .isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("removing server server-3 would leave 1 Ready server: an HA cluster needs two or more");
        assertThat(fakes.journal()).containsExactly(S1 + ": get nodes");
    }

    @Test
    void aServerIsDrainedWhileTwoOtherReadyServersStay() {
        nodes(server("server-1", true), server("server-2", true), server("server-3", true));
        fakes.host(S1).on("drain", FakeHost.script("\\Ak3s kubectl drain 'server-3' --ignore-daemonsets --delete-emptydir-data "
                + "--timeout=45s 2>&1\\z"), FakeHost.ok());

        assertThat(removal(Wet.APPLY).drain(new Operation.DrainNode("server-3", true, S1, TIMEOUT)))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "cordoned and drained node server-3"));
    }

    @Test
    void aDrainABudgetRefusesNamesThePodAndTheBudgetAndSaysNothingWasUninstalled() {
        nodes(worker("worker-2"));
        fakes.host(S1).on("drain", FakeHost.script("kubectl drain 'worker-2'"), FakeHost.exit(1, "error when evicting pods/\"web-1\" -n "
                        + "\"default\" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n"))
                .on("budgets", FakeHost.script("get poddisruptionbudgets -n 'default'"), FakeHost.ok("web"));

        assertThatThrownBy(() -> removal(Wet.APPLY).drain(new Operation.DrainNode("worker-2", false, S1, TIMEOUT)))
                .isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("kubectl drain worker-2 could not evict pod default/web-1 (PodDisruptionBudget web in default): "
                        + "Cannot evict pod as it would violate the pod's disruption budget.")
                .satisfies(e -> assertThat(((ClusterChecks.CheckFailed) e).fix())
                        .startsWith("node worker-2 stays cordoned and in the cluster, nothing uninstalled. Let the budget allow it")
                        .endsWith("or put the host back in the inventory"));
    }

    @Test
    void aDryRunReadsTheNodesAndSaysWhatItWouldDoAndANodeAlreadyGoneIsLeftAlone() {
        nodes(worker("worker-2"));

        assertThat(removal(Wet.DRY_RUN).drain(new Operation.DrainNode("worker-2", false, S1, TIMEOUT)))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "cordon and drain node worker-2"));
        assertThat(removal(Wet.DRY_RUN).delete(new Operation.DeleteNode("worker-2", S1)))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "delete node worker-2"));
        assertThat(fakes.journal()).containsOnly(S1 + ": get nodes");
        assertThat(removal(Wet.APPLY).delete(new Operation.DeleteNode("worker-9", S1)))
                .isEqualTo(new HostApplier.Result(Change.UNCHANGED, "node worker-9 is not in the cluster"));
    }

    private static String server(String name, boolean ready) {
        return node(name, "\"node-role.kubernetes.io/control-plane\": \"true\", \"node-role.kubernetes.io/master\": \"true\"", ready);
    }

    private static String worker(String name) {
        return node(name, "", true);
    }

    private static String node(String name, String labels, boolean ready) {
        return "{\"metadata\": {\"name\": \"" + name + "\", \"labels\": {" + labels + "}}, \"status\": {\"conditions\": "
                + "[{\"type\": \"Ready\", \"status\": \"" + (ready ? "True" : "False") + "\"}]}}";
    }

    private void nodes(String... items) {
        fakes.host(S1).on("get nodes", FakeHost.command("\\Ak3s kubectl get nodes -o json\\z"), FakeHost.ok(
                "{\"apiVersion\": \"v1\", \"kind\": \"NodeList\", \"items\": [" + List.of(items).stream().collect(Collectors.joining(", ")) + "]}"));
    }

    private NodeRemoval removal(Wet wet) {
        ConnectedHosts hosts = new ConnectedHosts(Map.of(S1, fakes.host(S1)), Map.of(), RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        return new NodeRemoval(new ApplyContext(inventory, hosts, Duration.ofSeconds(30), Clock.systemUTC(),
                DatastoreProbe.OVER_THE_NETWORK, wet));
    }
}
