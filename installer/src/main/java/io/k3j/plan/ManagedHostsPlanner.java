package io.k3j.plan;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 6: the nodes taken out of the inventory removed, one host at a time (workers first, then
 * servers: by then every new host has joined and HAProxy's backends, rendered from the inventory,
 * no longer name a removed server), then the record of the nodes k3j-install manages rewritten
 * on every server. A reachable host is drained, uninstalled and deleted from the cluster; one
 * that cannot be reached (removed with {@code --force}) is only deleted from the cluster.
 */
final class ManagedHostsPlanner {
    private final Inventory inventory;
    private final HostKnowledge knowledge;
    private final K3sTools tools;
    private final List<Removal> removals;
    private final Duration drainTimeout;

    ManagedHostsPlanner(PlanContext context, List<Removal> removals) {
        this.inventory = context.inventory();
        this.knowledge = context.knowledge();
        this.tools = new K3sTools(context.renderer());
        this.removals = removals;
        this.drainTimeout = context.rollout().drainTimeout();
    }

    StepPlan plan() {
        List<List<HostPlan>> waves = new ArrayList<>();
        removals.stream().sorted(Comparator.comparing(removal -> removal.host().server()))
                .forEach(removal -> waves.add(List.of(removal(removal))));
        String record = ManagedHosts.render(ManagedHosts.of(inventory, knowledge));
        waves.add(inventory.servers().hosts().stream().map(server -> new HostPlan(server.address(), "server", List.of(
                Action.write(ManagedFile.rootOnly(Paths.MANAGED_HOSTS, record))))).toList());
        String summary = removals.isEmpty() ? "no host taken out of the inventory; the record of the nodes on every server"
                : "remove " + String.join(", ", removals.stream().map(removal -> removal.host().address()).toList())
                + "; then the record of the nodes on every server";
        return new StepPlan(Step.MANAGED, summary, waves);
    }

    private HostPlan removal(Removal removal) {
        ManagedHosts.Entry host = removal.host();
        String from = firstServer().address();
        List<Action> actions = new ArrayList<>();
        if (removal.reachable()) {
            actions.add(Action.remove("cordon and drain node " + host.nodeName() + " (kubectl drain --ignore-daemonsets "
                    + "--delete-emptydir-data --timeout=" + drainTimeout.toSeconds() + "s, from " + from + ")",
                    new Operation.DrainNode(host.nodeName(), host.server(), from, drainTimeout)));
            actions.add(tools.uninstallAction(host.server()));
        }
        actions.add(Action.remove("delete node " + host.nodeName() + " from the cluster (its node password goes with it)",
                new Operation.DeleteNode(host.nodeName(), from)));
        String role = "removed " + host.role() + (removal.reachable() ? "" : ", unreachable: deleted from the cluster only, not cleaned");
        return new HostPlan(host.address(), role, actions);
    }

    private Host firstServer() {
        return inventory.servers().hosts().get(0);
    }
}
