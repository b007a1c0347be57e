package io.k3j.preflight;

import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which nodes of the inventory a run moves from one K3s version to the target: those that have
 * K3s now (a binary, or a node the cluster reports) on another version. A node without K3s is an
 * install, not an upgrade.
 */
public final class UpgradeInView {

    private UpgradeInView() {
    }

    /** "host (version -> target)" for each node that moves, in the inventory's order. */
    public static List<String> moves(K3sVersion target, List<HostUnderCheck> hosts, RunningNodes running) {
        return hosts.stream()
                .filter(host -> host.roles().contains(Role.SERVER) || host.roles().contains(Role.WORKER))
                .flatMap(host -> {
                    Set<String> versions = new LinkedHashSet<>();
                    host.facts().k3sVersion().ifPresent(versions::add);
                    running.find(host.effectiveNodeName()).ifPresent(node -> versions.add(node.kubeletVersion()));
                    versions.remove(target.toString());
                    return versions.isEmpty() ? Optional.<String>empty().stream()
                            : Optional.of(host.host() + " (" + String.join(", ", versions) + " -> " + target + ")").stream();
                })
                .toList();
    }
}
