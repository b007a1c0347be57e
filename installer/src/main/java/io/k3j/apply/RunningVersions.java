package io.k3j.apply;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.Inventory.Role;
import io.k3j.preflight.RunningNodes;
import io.k3j.preflight.RunningNodes.RunningNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versions the cluster's nodes run, read before anything changes through the API (as
 * {@link ClusterNodes} reads nodes, on a server whose K3s runs): the first server that answers
 * gives them; none running means no cluster yet. The list is read once per session and kept
 * ({@link ConnectedHosts#nodesBeforeChanges}): the plan asks it again for the workers an earlier
 * run left cordoned, instead of one {@code get node} per worker.
 */
public final class RunningVersions {

    private RunningVersions() {
    }

    public static RunningNodes read(Inventory inventory, ConnectedHosts hosts) {
        ClusterNodes.Read read = nodes(inventory, hosts);
        return read.failure().map(RunningNodes::unreadable)
                .orElseGet(() -> new RunningNodes(read.nodes().stream().map(RunningVersions::running).toList(), Optional.empty()));
    }

    /** The cluster's nodes as read before any change (no nodes and no failure: no cluster yet), read on the first call. */
    static ClusterNodes.Read nodes(Inventory inventory, ConnectedHosts hosts) {
        return hosts.nodesBeforeChanges(() -> list(inventory, hosts));
    }

    private static ClusterNodes.Read list(Inventory inventory, ConnectedHosts hosts) {
        List<String> failures = new ArrayList<>();
        List<String> running = inventory.allHosts().stream().filter(roled -> roled.role() == Role.SERVER)
                .map(roled -> roled.host().address()).distinct().filter(address -> hosts.facts(address).isActive("k3s")).toList();
        for (String server : running) {
            ClusterNodes.Read read = ClusterNodes.read(hosts.host(server));
            if (read.failure().isEmpty()) {
                return read;
            }
            failures.add(read.failure().get());
        }
        return new ClusterNodes.Read(List.of(), failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures)));
    }

    /** A server is a node K3s labelled control-plane (or master, as older releases did). */
    private static RunningNode running(Node node) {
        boolean server = node.roles().contains("control-plane") || node.roles().contains("master");
        return new RunningNode(node.name(), server, node.version());
    }
}
