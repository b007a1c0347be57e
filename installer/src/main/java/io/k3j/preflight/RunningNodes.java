package io.k3j.preflight;

import java.util.List;
import java.util.Optional;

/**
 * The cluster's nodes as its API reports them before anything changes (the kubelet's version is
 * the version a node runs; its binary may be newer if K3s has not restarted since it was
 * replaced), or why they could not be read. No server running K3s: no cluster yet, no nodes.
 */
public record RunningNodes(List<RunningNode> nodes, Optional<String> failure) {

    public static final RunningNodes NO_CLUSTER = new RunningNodes(List.of(), Optional.empty());

    /** A node: its name, whether it is a server (control-plane), and {@code status.nodeInfo.kubeletVersion}. */
    public record RunningNode(String name, boolean server, String kubeletVersion) {
    }

    public static RunningNodes unreadable(String why) {
        return new RunningNodes(List.of(), Optional.of(why));
    }

    Optional<RunningNode> find(String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst();
    }
}
