package io.k3j.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A K3s node as {@code kubectl get nodes -o json} reports it: what apply checks after installing. */
public record Node(String name, boolean ready, List<String> roles, Map<String, String> labels, List<String> taints,
                   String version, String internalIp, Map<String, String> annotations) {

    public Node(String name, boolean ready, List<String> roles, Map<String, String> labels, List<String> taints, String version,
                String internalIp) {
        this(name, ready, roles, labels, taints, version, internalIp, Map.of());
    }

    private static final String ROLE_LABEL = "node-role.kubernetes.io/";

    /** One item of a v1 NodeList, as SnakeYAML reads the JSON. */
    @SuppressWarnings("unchecked")
    static Node of(Map<String, Object> item) {
        Map<String, Object> metadata = (Map<String, Object>) item.getOrDefault("metadata", Map.of());
        Map<String, Object> spec = (Map<String, Object>) item.getOrDefault("spec", Map.of());
        Map<String, Object> status = (Map<String, Object>) item.getOrDefault("status", Map.of());
        Map<String, String> labels = new java.util.TreeMap<>();
        ((Map<String, Object>) metadata.getOrDefault("labels", Map.of())).forEach((key, value) -> labels.put(key, String.valueOf(value)));
        Map<String, String> annotations = new java.util.TreeMap<>();
        ((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()))
                .forEach((key, value) -> annotations.put(key, String.valueOf(value)));
        TreeSet<String> roles = new TreeSet<>();
        labels.keySet().stream().filter(key -> key.startsWith(ROLE_LABEL)).forEach(key -> roles.add(key.substring(ROLE_LABEL.length())));
        List<String> taints = new ArrayList<>();
        for (Map<String, Object> taint : (List<Map<String, Object>>) spec.getOrDefault("taints", List.of())) {
            Object value = taint.get("value");
            taints.add(taint.get("key") + (value == null ? "" : "=" + value) + ":" + taint.get("effect"));
        }
        boolean ready = ((List<Map<String, Object>>) status.getOrDefault("conditions", List.of())).stream()
                .anyMatch(condition -> "Ready".equals(condition.get("type")) && "True".equals(condition.get("status")));
        String internalIp = ((List<Map<String, Object>>) status.getOrDefault("addresses", List.of())).stream()
                .filter(address -> "InternalIP".equals(address.get("type"))).map(address -> String.valueOf(address.get("address")))
                .findFirst().orElse("");
        Map<String, Object> nodeInfo = (Map<String, Object>) status.getOrDefault("nodeInfo", Map.of());
        return new Node(String.valueOf(metadata.get("name")), ready, List.copyOf(roles), Map.copyOf(labels), List.copyOf(taints),
                String.valueOf(nodeInfo.getOrDefault("kubeletVersion", "")), internalIp,
                Map.copyOf(annotations));
    }

    /** kubectl's ROLES column: the roles joined by commas, or {@code <none>}. */
    public String rolesColumn() {
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }
}
