package io.k3j.preflight;

import io.k3j.inventory.K3sVersion;

/** What the version rules judge: the target, the nodes as they run now, and whether a patch release back is allowed. */
record UpgradeRequest(K3sVersion target, RunningNodes running, boolean allowPatchDowngrade) {
}
