package io.k3j.k3sdouble.nodes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a node registers with, from its own settings: its name, whether it is a server, its
 * {@code node-label}s and {@code node-taint}s, its address and versions. {@link NodeObjects} turns
 * it into the v1 Node the apiserver keeps.
 */
public record NodeRecord(String name, boolean server, Map<String, String> labels, List<String> taints, String internalIp,
                         String kubeletVersion, String kernelVersion) {

    /** The node monitor's grace period (kube-controller-manager --node-monitor-grace-period, 40 s by default). */
    public static final Duration GRACE_PERIOD = Duration.ofSeconds(40);

    /** The labels every K3s node has, then a server's roles, then {@code node-label}. */
    public Map<String, String> allLabels() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("beta.kubernetes.io/arch", "amd64");
        all.put("beta.kubernetes.io/instance-type", "k3s");
        all.put("beta.kubernetes.io/os", "linux");
        all.put("kubernetes.io/arch", "amd64");
        all.put("kubernetes.io/hostname", name);
        all.put("kubernetes.io/os", "linux");
        all.put("node.kubernetes.io/instance-type", "k3s");
        if (server) {
            all.put("node-role.kubernetes.io/control-plane", "true");
            all.put("node-role.kubernetes.io/master", "true");
        }
        all.putAll(labels);
        return all;
    }
}
