package io.k3j.certificates;

import java.util.List;

/**
 * The services {@code k3s certificate rotate --service} knows (pkg/util/services: All, and Agent
 * for an agent's own; {@code supervisor} in the releases that split its certificate out).
 */
public final class RotationServices {
    public static final List<String> ALL = List.of("admin", "api-server", "controller-manager", "scheduler", "etcd", "k3s-controller",
            "auth-proxy", "cloud-controller", "kubelet", "kube-proxy", "k3s-server", "supervisor");
    public static final List<String> AGENT = List.of("kubelet", "kube-proxy", "k3s-controller");

    private RotationServices() {
    }

    /** Whether agents take part: no service named (all of them), or one of an agent's. */
    public static boolean reachAgents(List<String> chosen) {
        return chosen.isEmpty() || chosen.stream().anyMatch(AGENT::contains);
    }

    /** Whether the admin client certificate (the one in the operator's kubeconfig) is among those rotated. */
    public static boolean rotateAdmin(List<String> chosen) {
        return chosen.isEmpty() || chosen.contains("admin");
    }
}
