package io.k3j.plan;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Step 6: the nodes taken out of the inventory removed, one host at a time (workers first, then
 * servers: by then every new host has joined and HAProxy's backends, rendered from the inventory,
 * no longer name a removed server), then the record of the nodes k3j-install manages rewritten
 * on every server. A reachable host is drained, uninstalled and deleted from the cluster; one
 * that cannot be reached (removed with {@code --force}) is only deleted from the cluster. The
 * members of a provisioned etcd the inventory no longer names leave the cluster here too, once
 * the servers no longer dial them (step 2), each then cleaned on its host when it was reached.
 */
final class ManagedHostsPlanner {
    private final Inventory inventory;
    private final HostKnowledge knowledge;
    private final K3sTools tools;
    private final List<Removal> removals;
    private final Duration drainTimeout;
    private final Set<String> leftMembersReached;

    /** {@code leftMembersReached}: the hosts of the etcd members leaving the cluster that apply connected to. */
    ManagedHostsPlanner(PlanContext context, List<Removal> removals, Set<String> leftMembersReached) {
        this.inventory = context.inventory();
        this.knowledge = context.knowledge();
        this.tools = new K3sTools(context.renderer());
        this.removals = removals;
        this.drainTimeout = context.rollout().drainTimeout();
        this.leftMembersReached = leftMembersReached;
    }

    StepPlan plan() {
        List<List<HostPlan>> waves = new ArrayList<>();
        removals.stream().sorted(Comparator.comparing(removal -> removal.host().server()))
                .forEach(removal -> waves.add(List.of(removal(removal))));
        Optional<EtcdMembershipChange> members = etcdMembers();
        List<LiveEtcdMember> leaving = members.map(EtcdMembershipChange::leaving).orElse(List.of());
        leaving.forEach(member -> waves.addAll(leaving(member, members.get().listed().orElseThrow().by().address())));
        String record = ManagedHosts.render(ManagedHosts.of(inventory, knowledge));
        waves.add(inventory.servers().hosts().stream().map(server -> new HostPlan(server.address(), "server", List.of(
                Action.write(ManagedFile.rootOnly(Paths.MANAGED_HOSTS, record))))).toList());
        List<String> removed = new ArrayList<>(removals.stream().map(removal -> removal.host().address()).toList());
        leaving.forEach(member -> removed.add("etcd member " + member.described()));
        String summary = removed.isEmpty() ? "no host taken out of the inventory; the record of the nodes on every server"
                : "remove " + String.join(", ", removed) + "; then the record of the nodes on every server";
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

    /** How a provisioned etcd cluster's members change, read once for the step. */
    private Optional<EtcdMembershipChange> etcdMembers() {
        return inventory.datastore().provision()
                .filter(provided -> inventory.datastore().type() == Datastore.Type.etcd && provided.clustered())
                .map(provided -> EtcdMembershipChange.of(provided, knowledge));
    }

    /** The member removed through {@code via}, a member that stays, then its host cleaned when it was reached. */
    private List<List<HostPlan>> leaving(LiveEtcdMember member, String via) {
        String peerUrl = member.peerUrls().get(0);
        List<List<HostPlan>> waves = new ArrayList<>();
        waves.add(List.of(new HostPlan(via, "datastore, etcd member that stays", List.of(Action.membership("remove etcd member "
                + member.described() + " (" + peerUrl + ") from the cluster, with etcdctl on " + via + ": no server dials it any more",
                new Operation.EtcdMemberRemove(member.name(), peerUrl, via))))));
        Optional<String> host = member.peerHost();
        if (host.isPresent() && leftMembersReached.contains(host.get())) {
            waves.add(List.of(new HostPlan(host.get(), "etcd member taken out of the inventory", ResetPlanner.etcd())));
        }
        return waves;
    }

    private Host firstServer() {
        return inventory.servers().hosts().get(0);
    }
}
