package io.k3j.apply;

import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What a rolling upgrade needs of one Node ({@code kubectl get node NAME -o json}): its kubelet's
 * version, whether it is cordoned, and whether k3j-install cordoned it (the mark annotation).
 */
record NodeState(String kubeletVersion, boolean unschedulable, boolean marked) {

    /** The node in {@code json}, empty for no output (kubectl's {@code --ignore-not-found} on a node not registered). */
    @SuppressWarnings("unchecked")
    static Optional<NodeState> parse(String json, String mark) {
        if (json.isBlank()) {
            return Optional.empty();
        }
        try {
            Object node = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
            if (!(node instanceof Map<?, ?> any) || !"Node".equals(any.get("kind"))) {
                throw new IllegalArgumentException("kubectl printed no Node: " + firstLine(json));
            }
            Map<String, Object> map = (Map<String, Object>) any;
            Map<String, Object> metadata = (Map<String, Object>) map.getOrDefault("metadata", Map.of());
            Map<String, Object> annotations = (Map<String, Object>) metadata.getOrDefault("annotations", Map.of());
            Map<String, Object> spec = (Map<String, Object>) map.getOrDefault("spec", Map.of());
            Map<String, Object> status = (Map<String, Object>) map.getOrDefault("status", Map.of());
            Map<String, Object> nodeInfo = (Map<String, Object>) status.getOrDefault("nodeInfo", Map.of());
            return Optional.of(new NodeState(String.valueOf(nodeInfo.getOrDefault("kubeletVersion", "")),
                    Boolean.TRUE.equals(spec.get("unschedulable")), annotations.containsKey(mark)));
        } catch (YAMLException | ClassCastException e) {
            throw new IllegalArgumentException("kubectl printed no Node: " + firstLine(json));
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("(nothing)");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
