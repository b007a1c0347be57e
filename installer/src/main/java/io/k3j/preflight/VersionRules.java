package io.k3j.preflight;

import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
import java.util.List;
import java.util.Optional;

/**
 * What K3s allows when {@code k3s.version} changes, checked against the binary each node has now,
 * so a cluster left half upgraded (by an earlier run or by hand) is seen as it is: no downgrade
 * in place (docs.k3s.io upgrades/roll-back: going back means restoring the datastore taken before
 * the upgrade), and no minor version skipped (docs.k3s.io upgrades/manual: "the Kubernetes
 * version skew policy applies. Ensure that your plan does not skip intermediate minor versions").
 * With every node at most one minor behind the target, servers stay within one minor of each
 * other during the rollout, as kube-apiserver instances must (kubernetes.io version-skew-policy).
 */
final class VersionRules {
    private static final String UPGRADE_DOCS = "docs.k3s.io upgrades/manual and the Kubernetes version-skew policy";

    private VersionRules() {
    }

    static void check(K3sVersion target, HostUnderCheck host, List<PreflightProblem> problems) {
        boolean isNode = host.roles().contains(Role.SERVER) || host.roles().contains(Role.WORKER);
        Optional<String> reported = host.facts().k3sVersion();
        if (!isNode || reported.isEmpty()) {
            return;
        }
        Optional<K3sVersion> parsed = K3sVersion.parse(reported.get());
        if (parsed.isEmpty()) {
            problems.add(new PreflightProblem(host.host(), "/usr/local/bin/k3s reports version '" + reported.get()
                    + "', not a K3s release version", "k3j-install checks the upgrade rules against the version "
                    + "installed; put a K3s release binary there (or remove it to install " + target + ")"));
            return;
        }
        K3sVersion installed = parsed.get();
        Optional<Integer> minors = installed.minorsTo(target);
        if (installed.compareTo(target) > 0) {
            problems.add(new PreflightProblem(host.host(), "K3s " + installed + " is installed; the inventory asks for "
                    + "the older " + target, "K3s does not downgrade in place (docs.k3s.io upgrades/roll-back: restore "
                    + "the datastore backup taken before the upgrade, then install the old version); set k3s.version "
                    + "to " + installed + " or newer"));
        } else if (minors.isEmpty()) {
            problems.add(new PreflightProblem(host.host(), "K3s " + installed + " is installed; " + target
                    + " is another major version", "no upgrade path across major versions is known (" + UPGRADE_DOCS
                    + "); keep k3s.version at a " + installed.minorLine() + " release"));
        } else if (minors.get() > 1) {
            problems.add(new PreflightProblem(host.host(), "K3s " + installed + " is installed; going to " + target
                    + " skips " + skipped(installed, target), "K3s upgrades one minor version at a time (" + UPGRADE_DOCS
                    + "): set k3s.version to a v" + installed.major() + "." + (installed.minor() + 1)
                    + " release, apply, and go on from there"));
        }
    }

    private static String skipped(K3sVersion installed, K3sVersion target) {
        StringBuilder lines = new StringBuilder();
        for (int minor = installed.minor() + 1; minor < target.minor(); minor++) {
            lines.append(lines.length() == 0 ? "" : ", ").append("v").append(installed.major()).append('.').append(minor);
        }
        return lines.toString();
    }
}
