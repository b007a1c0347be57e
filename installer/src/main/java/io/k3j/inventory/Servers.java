package io.k3j.inventory;

import java.util.List;

/** {@code spec.servers}: two or more K3s servers, schedulable or a dedicated control plane. */
public record Servers(boolean dedicatedControlPlane, String controlPlaneTaint, List<Host> hosts) {

    /** The HA guide's taint (K3s docs, older); current docs show CriticalAddonsOnly=true:NoExecute. */
    public static final String DEFAULT_TAINT = "k3s-controlplane=true:NoExecute";
}
