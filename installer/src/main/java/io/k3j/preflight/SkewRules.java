package io.k3j.preflight;

import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
import io.k3j.preflight.RunningNodes.RunningNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules over the whole cluster once a run moves nodes to the target: every node of the
 * inventory ends on it, servers first, so the servers end on one version before any agent moves
 * and no agent of the inventory passes a server. What the run cannot move is a node the cluster
 * has and the inventory does not name (joined by hand, or a host left out): such a server would
 * leave the servers on two versions with the agents moved past it, and such an agent must stay
 * within the Kubernetes version-skew policy against the servers' target (kubernetes.io
 * version-skew-policy: the kubelet must not be newer than kube-apiserver, and may be up to three
 * minor versions older). A kubelet a patch release ahead of the apiserver is outside what the
 * policy counts (minor versions), so only {@code --allow-patch-downgrade} lets it be.
 */
final class SkewRules {
    private static final String SKEW_POLICY = "kubernetes.io version-skew-policy";
    private static final int KUBELET_MAY_LAG_MINORS = 3;

    private final K3sVersion target;
    private final RunningNodes running;
    private final boolean allowPatchDowngrade;

    SkewRules(UpgradeRequest request) {
        this.target = request.target();
        this.running = request.running();
        this.allowPatchDowngrade = request.allowPatchDowngrade();
    }

    void check(List<HostUnderCheck> hosts, List<PreflightProblem> problems) {
        List<HostUnderCheck> nodes = hosts.stream().filter(SkewRules::isNode).toList();
        if (!movesAVersion(nodes)) {
            return;
        }
        running.failure().ifPresent(why -> problems.add(new PreflightProblem("cluster", "cannot read the versions the nodes run: "
                + why, "the upgrade rules need each node's version as the cluster reports it: get the API answering on a "
                + "server (systemctl status k3s; k3s kubectl get nodes) and run again")));
        Set<String> named = nodes.stream().map(HostUnderCheck::effectiveNodeName).collect(Collectors.toSet());
        running.nodes().stream().filter(node -> !named.contains(node.name())).forEach(node -> checkUnnamed(node, problems));
    }

    /** Whether the run puts the target on a node that does not run it now: a new node, a new binary or a restart. */
    private boolean movesAVersion(List<HostUnderCheck> nodes) {
        return nodes.stream().anyMatch(host -> !host.facts().k3sVersion().equals(Optional.of(target.toString()))
                || running.find(host.effectiveNodeName()).filter(node -> !node.kubeletVersion().equals(target.toString())).isPresent());
    }

    private void checkUnnamed(RunningNode node, List<PreflightProblem> problems) {
        String what = "node " + node.name() + ", " + (node.server() ? "a server" : "an agent") + " the inventory does not name, ";
        String fix = "add its host to the inventory so it moves with the others, upgrade it to " + target
                + " by hand first, or remove the node (kubectl delete node " + node.name() + ") if its host is gone";
        Optional<K3sVersion> parsed = K3sVersion.parse(node.kubeletVersion());
        if (parsed.isEmpty()) {
            problems.add(new PreflightProblem("cluster", what + "reports kubelet version '" + node.kubeletVersion()
                    + "', not a K3s release version", fix));
            return;
        }
        K3sVersion runs = parsed.get();
        if (node.server()) {
            if (!runs.equals(target)) {
                problems.add(new PreflightProblem("cluster", what + "runs K3s " + runs + ": the servers would not end on "
                        + target + " before the agents move to it (docs.k3s.io upgrades/manual: servers first, then agents; "
                        + SKEW_POLICY + ")", fix));
            }
            return;
        }
        Optional<Integer> behind = runs.minorsTo(target);
        boolean newerMinor = behind.map(minors -> minors < 0).orElse(true) && runs.compareTo(target) > 0;
        boolean newerPatch = runs.compareTo(target) > 0 && !newerMinor;
        if (newerMinor || newerPatch && !allowPatchDowngrade) {
            problems.add(new PreflightProblem("cluster", what + "runs K3s " + runs + ", newer than the servers' " + target
                    + ": the kubelet must not be newer than kube-apiserver (" + SKEW_POLICY + ")", newerPatch
                    ? fix + "; or, as both are " + target.minorLine() + " releases, pass --allow-patch-downgrade" : fix));
        } else if (behind.map(minors -> minors > KUBELET_MAY_LAG_MINORS).orElse(true) && runs.compareTo(target) < 0) {
            problems.add(new PreflightProblem("cluster", what + "runs K3s " + runs + ", more than " + KUBELET_MAY_LAG_MINORS
                    + " minor versions behind the servers' " + target + " (" + SKEW_POLICY + ")", fix));
        }
    }

    private static boolean isNode(HostUnderCheck host) {
        return host.roles().contains(Role.SERVER) || host.roles().contains(Role.WORKER);
    }
}
