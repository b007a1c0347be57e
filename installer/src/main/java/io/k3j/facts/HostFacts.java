package io.k3j.facts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a host told us about itself before anything was changed (see gather-facts.sh). A provisioned
 * etcd member's: {@code etcdCluster} and {@code etcdClusterState}, the initial-cluster and its state
 * it was formed with (once its data folder holds a member); {@code etcdMembers}, the running
 * cluster's members as it lists them (see {@code io.k3j.plan.LiveEtcdMember}).
 */
public record HostFacts(
        String os,
        String osPretty,
        String arch,
        String hostname,
        String init,
        String systemdState,
        List<String> addresses,
        long timeEpochSeconds,
        long diskFreeKb,
        Set<Integer> listeningPorts,
        Optional<String> k3sVersion,
        Set<String> activeServices,
        Optional<String> postgresqlMajor,
        Set<String> installedPackages,
        Optional<String> etcdCluster,
        Optional<String> etcdClusterState,
        Optional<String> etcdMembers) {

    /**
     * The name K3s registers this host's node under when none is set: its hostname in lower case,
     * as K3s' GetHostnameAndIPs makes it (Kubernetes node names are lower case).
     */
    public String defaultNodeName() {
        return hostname.toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isActive(String service) {
        return activeServices.contains(service);
    }

    public boolean hasPackage(String name) {
        return installedPackages.contains(name);
    }

    /** K3s' own architecture name, as in its release file names (k3s-facts §11). */
    public Optional<String> k3sArch() {
        return switch (arch) {
            case "x86_64", "amd64" -> Optional.of("amd64");
            case "aarch64", "arm64" -> Optional.of("arm64");
            case "armv7l", "armhf" -> Optional.of("arm");
            case "s390x" -> Optional.of("s390x");
            default -> Optional.empty();
        };
    }
}
