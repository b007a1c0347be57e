package io.k3j.plan;

import io.k3j.inventory.Host;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code node} part of a K3s config.yaml template model: name, IP, labels and taints of one host. */
final class NodeModel {

    private NodeModel() {
    }

    static Map<String, Object> of(Host host, List<String> extraTaints) {
        Map<String, Object> node = new HashMap<>();
        host.name().ifPresent(name -> node.put("name", name));
        host.nodeIp().ifPresent(ip -> node.put("ip", ip));
        List<String> labels = new ArrayList<>();
        host.labels().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(label -> labels.add(label.getKey() + "=" + label.getValue()));
        List<String> taints = new ArrayList<>(host.taints());
        extraTaints.stream().filter(taint -> !taints.contains(taint)).forEach(taints::add);
        node.put("labels", labels);
        node.put("taints", taints);
        return node;
    }
}
