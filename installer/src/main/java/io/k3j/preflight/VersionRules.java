package io.k3j.preflight;

import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What K3s allows when {@code k3s.version} changes, checked on each node of the inventory against
 * both the binary it has and the version its node runs (the kubelet's, read through the API), so
 * a cluster left half upgraded (by an earlier run or by hand) is seen as it is: no downgrade in
 * place (docs.k3s.io upgrades/roll-back: going back a minor version means restoring the datastore
 * taken before the upgrade), and no minor version skipped (docs.k3s.io upgrades/manual: "the
 * Kubernetes version skew policy applies. Ensure that your plan does not skip intermediate minor
 * versions"). With every node at most one minor behind the target, servers stay within one minor
 * of each other during the rollout, as kube-apiserver instances must (kubernetes.io
 * version-skew-policy). A patch release back within one minor needs no datastore restore (the
 * roll-back page asks for a snapshot only for a previous minor version), so it is advice only, and
 * {@code --allow-patch-downgrade} allows it.
 */
final class VersionRules {
    private static final String UPGRADE_DOCS = "docs.k3s.io upgrades/manual and the Kubernetes version-skew policy";

    private final K3sVersion target;
    private final RunningNodes running;
    private final boolean allowPatchDowngrade;

    VersionRules(UpgradeRequest request) {
        this.target = request.target();
        this.running = request.running();
        this.allowPatchDowngrade = request.allowPatchDowngrade();
    }

    /** A version a node has, and how to say where it was seen. */
    private record Seen(K3sVersion version, String said) {
    }

    void check(HostUnderCheck host, List<PreflightProblem> problems) {
        boolean isNode = host.roles().contains(Role.SERVER) || host.roles().contains(Role.WORKER);
        if (!isNode) {
            return;
        }
        List<Seen> seen = seen(host, problems);
        if (seen.isEmpty()) {
            return;
        }
        Seen newest = seen.stream().max(Comparator.comparing(Seen::version)).orElseThrow();
        Seen oldest = seen.stream().min(Comparator.comparing(Seen::version)).orElseThrow();
        if (newest.version().compareTo(target) > 0) {
            checkDowngrade(host, newest, problems);
            return;
        }
        K3sVersion installed = oldest.version();
        Optional<Integer> minors = installed.minorsTo(target);
        if (minors.isEmpty()) {
            problems.add(new PreflightProblem(host.host(), oldest.said() + "; " + target + " is another major version",
                    "no upgrade path across major versions is known (" + UPGRADE_DOCS + "); keep k3s.version at a "
                    + installed.minorLine() + " release"));
        } else if (minors.get() > 1) {
            problems.add(new PreflightProblem(host.host(), oldest.said() + "; going to " + target + " skips "
                    + skipped(installed, target), "K3s upgrades one minor version at a time (" + UPGRADE_DOCS
                    + "): set k3s.version to a v" + installed.major() + "." + (installed.minor() + 1)
                    + " release, apply, and go on from there"));
        }
    }

    private void checkDowngrade(HostUnderCheck host, Seen newest, List<PreflightProblem> problems) {
        K3sVersion installed = newest.version();
        boolean withinMinor = installed.major() == target.major() && installed.minor() == target.minor();
        if (withinMinor && allowPatchDowngrade) {
            return;
        }
        String back = "K3s does not downgrade in place (docs.k3s.io upgrades/roll-back: restore the datastore backup "
                + "taken before the upgrade, then install the old version); set k3s.version to " + installed + " or newer";
        problems.add(new PreflightProblem(host.host(), newest.said() + "; the inventory asks for the older " + target,
                withinMinor ? back + ", or, since both are " + target.minorLine() + " releases (no datastore restore needed "
                        + "within a minor version), pass --allow-patch-downgrade" : back));
    }

    /** The binary's version and the node's, each once; a version that is not a release is a problem of its own. */
    private List<Seen> seen(HostUnderCheck host, List<PreflightProblem> problems) {
        List<Seen> seen = new ArrayList<>();
        Optional<String> binary = host.facts().k3sVersion();
        Optional<K3sVersion> binaryVersion = binary.flatMap(K3sVersion::parse);
        if (binary.isPresent() && binaryVersion.isEmpty()) {
            problems.add(new PreflightProblem(host.host(), "/usr/local/bin/k3s reports version '" + binary.get()
                    + "', not a K3s release version", "k3j-install checks the upgrade rules against the version "
                    + "installed; put a K3s release binary there (or remove it to install " + target + ")"));
        }
        binaryVersion.ifPresent(version -> seen.add(new Seen(version, "K3s " + version + " is installed")));
        String name = host.effectiveNodeName();
        running.find(name).ifPresent(node -> {
            Optional<K3sVersion> runs = K3sVersion.parse(node.kubeletVersion());
            if (runs.isEmpty()) {
                problems.add(new PreflightProblem(host.host(), "node " + name + " reports kubelet version '" + node.kubeletVersion()
                        + "', not a K3s release version", "k3j-install checks the upgrade rules against the version each "
                        + "node runs; check what runs there (kubectl get node " + name + " -o wide)"));
            } else if (!runs.equals(binaryVersion)) {
                seen.add(new Seen(runs.get(), "node " + name + " runs K3s " + runs.get() + binaryVersion.map(version -> " (its binary "
                        + "is " + version + ": K3s has not restarted since the binary was replaced)").orElse("")));
            }
        });
        return seen;
    }

    private static String skipped(K3sVersion installed, K3sVersion target) {
        StringBuilder lines = new StringBuilder();
        for (int minor = installed.minor() + 1; minor < target.minor(); minor++) {
            lines.append(lines.length() == 0 ? "" : ", ").append("v").append(installed.major()).append('.').append(minor);
        }
        return lines.toString();
    }
}
