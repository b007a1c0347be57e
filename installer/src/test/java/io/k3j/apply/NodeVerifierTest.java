package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.testing.ExampleInventories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The last check of an apply: the nodes as kubectl reports them against mysql-haproxy.yaml (a GPU worker with a taint and a label). */
class NodeVerifierTest {
    private static final Function<Host, String> NAME = host -> "node-" + host.address();
    private static final List<String> SERVER_ROLES = List.of("control-plane", "master");

    private final Inventory inventory = ExampleInventories.load("mysql-haproxy.yaml");

    @Test
    void nodesAsTheInventorySaysHaveNoProblem() {
        assertThat(NodeVerifier.problems(inventory, NAME, asInventory(inventory))).isEmpty();
    }

    @Test
    void everyWayANodeDiffersIsNamedByItsHost() {
        List<Node> nodes = new ArrayList<>(asInventory(inventory));
        nodes.set(0, node("node-198.51.100.11", false, List.of("master"), Map.of(), List.of()));
        nodes.remove(3);
        nodes.set(3, node("node-198.51.100.33", true, List.of(), Map.of("accelerator", "tpu"), List.of()));

        assertThat(NodeVerifier.problems(inventory, NAME, nodes)).containsExactly(
                new NodeVerifier.Problem("198.51.100.11", "node node-198.51.100.11 is not Ready"),
                new NodeVerifier.Problem("198.51.100.11", "node node-198.51.100.11 lacks the role control-plane"),
                new NodeVerifier.Problem("198.51.100.32", "no node named node-198.51.100.32 in the cluster"),
                new NodeVerifier.Problem("198.51.100.33", "node node-198.51.100.33 lacks the label accelerator=gpu"),
                new NodeVerifier.Problem("198.51.100.33", "node node-198.51.100.33 lacks the taint gpu=true:NoSchedule"));
    }

    @Test
    void aDedicatedControlPlanesServersCarryItsTaintAndTheWorkersDoNot() {
        Inventory dedicated = ExampleInventories.load("etcd-dedicated.yaml");
        List<Node> untainted = dedicated.servers().hosts().stream()
                .map(server -> node(NAME.apply(server), true, SERVER_ROLES, Map.of(), List.of())).toList();
        List<Node> nodes = new ArrayList<>(untainted);
        dedicated.workers().hosts().forEach(worker -> nodes.add(node(NAME.apply(worker), true, List.of(), Map.of(), List.of())));

        assertThat(NodeVerifier.problems(dedicated, NAME, nodes)).extracting(NodeVerifier.Problem::host)
                .containsExactly("203.0.113.11", "203.0.113.12", "203.0.113.13");
        assertThat(NodeVerifier.problems(dedicated, NAME, nodes)).first().extracting(NodeVerifier.Problem::problem)
                .isEqualTo("node node-203.0.113.11 lacks the taint k3s-controlplane=true:NoExecute");
    }

    /** Every host a Ready node with the roles, labels and taints the inventory gives it. */
    private static List<Node> asInventory(Inventory inventory) {
        List<Node> nodes = new ArrayList<>();
        for (Host server : inventory.servers().hosts()) {
            List<String> taints = new ArrayList<>(server.taints());
            if (inventory.servers().dedicatedControlPlane()) {
                taints.add(inventory.servers().controlPlaneTaint());
            }
            nodes.add(node(NAME.apply(server), true, SERVER_ROLES, server.labels(), taints));
        }
        for (Host worker : inventory.workers().hosts()) {
            nodes.add(node(NAME.apply(worker), true, List.of(), worker.labels(), worker.taints()));
        }
        return nodes;
    }

    private static Node node(String name, boolean ready, List<String> roles, Map<String, String> labels, List<String> taints) {
        return new Node(name, ready, roles, labels, taints, "v1.31.4+k3s1", "");
    }
}
