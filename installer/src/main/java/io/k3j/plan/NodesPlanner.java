package io.k3j.plan;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 5: each node's labels and taints, as the inventory has them, set through the API from the
 * first server (K3s applies {@code node-taint} only when a node registers, and {@code node-label}
 * only adds and updates: docs.k3s.io cli/agent). One action per node, all nodes at once; then each
 * node's K3s certificates read on its host, to warn of those near their end (docs.k3s.io cli/certificate).
 */
final class NodesPlanner {
    private final Inventory inventory;
    private final HostKnowledge knowledge;

    NodesPlanner(PlanContext context) {
        this.inventory = context.inventory();
        this.knowledge = context.knowledge();
    }

    StepPlan plan() {
        String from = inventory.servers().hosts().get(0).address();
        List<HostPlan> hosts = new ArrayList<>();
        inventory.servers().hosts().forEach(server -> hosts.add(hostPlan(server, "server", inventory.servers().taintsOf(server), from)));
        inventory.workers().hosts().forEach(worker -> hosts.add(hostPlan(worker, "worker", worker.taints(), from)));
        return new StepPlan(Step.NODES, hosts.size() + " nodes, through kubectl on " + from + "; each node's certificates read on its host",
                List.of(hosts));
    }

    private HostPlan hostPlan(Host host, String role, List<String> taints, String from) {
        String node = knowledge.nodeName(host);
        return new HostPlan(host.address(), role, List.of(Action.label("keep node " + node + "'s labels and taints as the inventory has them "
                + "(kubectl label/taint on " + from + "; no restart)", new Operation.NodeLabels(node, host.labels(), taints, from)),
                Action.readCertificates("read K3s' certificates (k3s certificate check): a warning for any within the renewal window of "
                        + "the host's K3s, or expired")));
    }
}
