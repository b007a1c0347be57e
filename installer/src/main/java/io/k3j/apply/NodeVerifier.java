package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The last check of an apply: every inventory host is a node, Ready, with its role, labels and
 * taints, as {@code k3s kubectl get nodes -o json} on a server reports it.
 */
public final class NodeVerifier {
    private static final List<String> SERVER_ROLES = List.of("control-plane", "master");

    private NodeVerifier() {
    }

    /** One way a host's node differs from the inventory. */
    public record Problem(String host, String problem) {
    }

    /** Every way the nodes differ from the inventory; empty when they match. */
    public static List<Problem> problems(Inventory inventory, Function<Host, String> nodeName, List<Node> nodes) {
        List<Problem> problems = new ArrayList<>();
        for (Host server : inventory.servers().hosts()) {
            check(server, nodeName.apply(server), nodes, SERVER_ROLES, inventory.servers().taintsOf(server), problems);
        }
        for (Host worker : inventory.workers().hosts()) {
            check(worker, nodeName.apply(worker), nodes, List.of(), worker.taints(), problems);
        }
        return problems;
    }

    private static void check(Host host, String name, List<Node> nodes, List<String> roles, List<String> taints,
                              List<Problem> problems) {
        Optional<Node> found = ClusterNodes.find(nodes, name);
        if (found.isEmpty()) {
            problems.add(new Problem(host.address(), "no node named " + name + " in the cluster"));
            return;
        }
        Node node = found.get();
        if (!node.ready()) {
            problems.add(new Problem(host.address(), "node " + name + " is not Ready"));
        }
        roles.stream().filter(role -> !node.roles().contains(role))
                .forEach(role -> problems.add(new Problem(host.address(), "node " + name + " lacks the role " + role)));
        for (Map.Entry<String, String> label : host.labels().entrySet()) {
            if (!label.getValue().equals(node.labels().get(label.getKey()))) {
                problems.add(new Problem(host.address(), "node " + name + " lacks the label " + label.getKey() + "=" + label.getValue()));
            }
        }
        taints.stream().filter(taint -> !node.taints().contains(taint))
                .forEach(taint -> problems.add(new Problem(host.address(), "node " + name + " lacks the taint " + taint)));
    }
}
