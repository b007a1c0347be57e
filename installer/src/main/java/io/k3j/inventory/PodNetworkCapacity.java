package io.k3j.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How many nodes the pod network has room for. The controller-manager gives each node one range
 * of the {@code cluster-cidr}, of {@code node-cidr-mask-size} bits (Kubernetes' defaults: /24
 * for IPv4, /64 for IPv6); a node past the last range gets no pod range, and flannel does not
 * start on it. K3s' default {@code cluster-cidr} is {@code 10.42.0.0/16}: 256 nodes (docs.k3s.io
 * Requirements: "modify the default cluster-cidr if desiring more than 255 nodes"). Dual-stack
 * clusters need a range of each family, so the smaller family bounds them.
 */
record PodNetworkCapacity(int nodes, String cidr, int nodeMask, boolean defaultMask) {
    private static final String K3S_DEFAULT_CLUSTER_CIDR = "10.42.0.0/16";
    private static final int IPV4_NODE_MASK = 24;
    private static final int IPV6_NODE_MASK = 64;
    /** Far beyond any cluster; keeps the count an int. */
    private static final int MOST_BITS = 30;

    /**
     * The capacity the servers' configuration gives, or empty when a value is not one this check
     * reads (K3s then refuses it itself, naming it).
     */
    static Optional<PodNetworkCapacity> of(Map<String, Object> serverConfig) {
        Optional<List<String>> cidrs = texts(serverConfig.getOrDefault("cluster-cidr", K3S_DEFAULT_CLUSTER_CIDR));
        Optional<List<String>> managerArgs = texts(serverConfig.getOrDefault("kube-controller-manager-arg", List.of()));
        if (cidrs.isEmpty() || managerArgs.isEmpty()) {
            return Optional.empty();
        }
        boolean dualStack = cidrs.get().size() > 1;
        PodNetworkCapacity smallest = null;
        for (String cidr : cidrs.get()) {
            Optional<PodNetworkCapacity> capacity = ofRange(cidr, managerArgs.get(), dualStack);
            if (capacity.isEmpty()) {
                return Optional.empty();
            }
            if (smallest == null || capacity.get().nodes() < smallest.nodes()) {
                smallest = capacity.get();
            }
        }
        return Optional.ofNullable(smallest);
    }

    private static Optional<PodNetworkCapacity> ofRange(String cidr, List<String> managerArgs, boolean dualStack) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String address = cidr.substring(0, slash);
        boolean ipv6 = IpLiteral.isIpv6(address);
        if (!ipv6 && !IpLiteral.isIpv4(address)) {
            return Optional.empty();
        }
        Optional<Integer> prefix = number(cidr.substring(slash + 1));
        // The family's own flag wins; the plain one is read by single-stack clusters only.
        Optional<Integer> mask = managerArg(managerArgs, ipv6 ? "node-cidr-mask-size-ipv6" : "node-cidr-mask-size-ipv4");
        boolean setByFlag = mask.isPresent() || (!dualStack && managerArg(managerArgs, "node-cidr-mask-size").isPresent());
        if (mask.isEmpty() && !dualStack) {
            mask = managerArg(managerArgs, "node-cidr-mask-size");
        }
        int nodeMask = mask.orElse(ipv6 ? IPV6_NODE_MASK : IPV4_NODE_MASK);
        if (prefix.isEmpty() || prefix.get() > nodeMask) {
            return Optional.empty();
        }
        int bits = Math.min(nodeMask - prefix.get(), MOST_BITS);
        return Optional.of(new PodNetworkCapacity(1 << bits, cidr, nodeMask, !setByFlag));
    }

    /** Where the figure comes from, for a message: the range and the size of a node's part of it. */
    String describe() {
        return "cluster-cidr " + cidr + (cidr.equals(K3S_DEFAULT_CLUSTER_CIDR) ? ", K3s' default," : "") + " in /" + nodeMask
                + " ranges" + (defaultMask ? ", Kubernetes' default size," : "") + " one a node";
    }

    /** The prefix a range of this family needs so that {@code wanted} nodes each get a range of this size. */
    int prefixFor(int wanted) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(wanted - 1, 1));
        return nodeMask - bits;
    }

    private static Optional<Integer> managerArg(List<String> args, String flag) {
        Optional<Integer> found = Optional.empty();
        for (String arg : args) {
            String bare = arg.startsWith("--") ? arg.substring(2) : arg;
            if (bare.startsWith(flag + "=")) {
                found = number(bare.substring(flag.length() + 1)); // the last one given wins, as in a flag set
            }
        }
        return found;
    }

    /** A string (comma-separated, as K3s' string-slice flags take it) or a list of strings. */
    private static Optional<List<String>> texts(Object value) {
        List<String> texts = new ArrayList<>();
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        for (Object item : items) {
            if (!(item instanceof String text)) {
                return Optional.empty();
            }
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    texts.add(part.trim());
                }
            }
        }
        return Optional.of(texts);
    }

    private static Optional<Integer> number(String text) {
        return text.matches("\\d{1,3}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
    }
}
