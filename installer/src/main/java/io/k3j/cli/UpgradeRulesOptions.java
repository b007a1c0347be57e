package io.k3j.cli;

import picocli.CommandLine.Option;

/** What the upgrade preflight may let through that the K3s docs only advise against (docs/upgrade.md, Preflight rules). */
public class UpgradeRulesOptions {

    @Option(names = "--allow-patch-downgrade",
            description = "Allow a k3s.version older than what a node runs when both are of one minor version (a patch "
                    + "release back, which needs no datastore restore). Never another minor version, never a kubelet "
                    + "a minor version newer than the servers.")
    boolean allowPatchDowngrade;

    public boolean allowPatchDowngrade() {
        return allowPatchDowngrade;
    }
}
