package io.k3j.inventory;

import java.util.ArrayList;
import java.util.List;

/** {@code spec.servers}: two or more K3s servers, schedulable or a dedicated control plane. */
public record Servers(boolean dedicatedControlPlane, String controlPlaneTaint, List<Host> hosts) {

    /** The HA guide's taint (K3s docs, older); current docs show CriticalAddonsOnly=true:NoExecute. */
    public static final String DEFAULT_TAINT = "k3s-controlplane=true:NoExecute";

    /** The taints a server's node carries: its own, and the control-plane taint when the control plane is dedicated. */
    public List<String> taintsOf(Host server) {
        if (!dedicatedControlPlane || server.taints().contains(controlPlaneTaint)) {
            return server.taints();
        }
        List<String> taints = new ArrayList<>(server.taints());
        taints.add(controlPlaneTaint);
        return List.copyOf(taints);
    }
}
