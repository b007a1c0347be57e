package io.k3j.plan;

import io.k3j.inventory.Host;
import io.k3j.render.TemplateRenderer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code node} part of the K3s config templates: name and IP of one host in config.yaml, its
 * labels and taints in their own drop-in ({@link Paths#K3S_NODE_CONFIG}), which restarts nothing.
 */
final class NodeModel {

    private NodeModel() {
    }

    /** The node's name and IP, for config.yaml. */
    static Map<String, Object> of(Host host) {
        Map<String, Object> node = new HashMap<>();
        host.name().ifPresent(name -> node.put("name", name));
        host.nodeIp().ifPresent(ip -> node.put("ip", ip));
        return node;
    }

    /**
     * Writes the drop-in with the node's labels and {@code taints}: K3s reads it when the node
     * registers; on a registered node the {@link Operation.NodeLabels} step makes a change through
     * the API instead, so the file's change restarts nothing.
     */
    static Action labelsAndTaints(TemplateRenderer renderer, String cluster, Host host, List<String> taints) {
        List<String> labels = host.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(label -> label.getKey() + "=" + label.getValue()).toList();
        Map<String, Object> model = Map.of("cluster", cluster, "node", Map.of("labels", labels, "taints", taints));
        return Action.writeWithoutRestart(ManagedFile.rootOnly(Paths.K3S_NODE_CONFIG, renderer.render("k3s/node-config.yaml.ftl", model)),
                "labels and taints for a node's registration; set through the API, no restart");
    }
}
