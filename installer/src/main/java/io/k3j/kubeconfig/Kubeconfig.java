package io.k3j.kubeconfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The kubeconfig K3s writes ({@code /etc/rancher/k3s/k3s.yaml}: cluster, user and context all
 * named {@code default}, server {@code https://127.0.0.1:6443}; pkg/clientaccess/kubeconfig.go)
 * turned into one for the operator: server at the fixed registration address, every name the
 * cluster's, optionally merged into an existing kubeconfig.
 */
public final class Kubeconfig {
    private final Map<String, Object> document;

    private Kubeconfig(Map<String, Object> document) {
        this.document = document;
    }

    public static Kubeconfig parse(String yaml) {
        Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a kubeconfig: the document is not a map");
        }
        return new Kubeconfig(copyMap(map));
    }

    /** A copy whose cluster, user and context are named {@code name} and whose server is {@code serverUrl}. */
    public Kubeconfig forOperator(String name, String serverUrl) {
        Map<String, Object> result = copyMap(document);
        Map<String, Object> cluster = single(result, "clusters");
        Map<String, Object> user = single(result, "users");
        Map<String, Object> context = single(result, "contexts");
        cluster.put("name", name);
        section(cluster, "cluster").put("server", serverUrl);
        user.put("name", name);
        context.put("name", name);
        Map<String, Object> contextBody = section(context, "context");
        contextBody.put("cluster", name);
        contextBody.put("user", name);
        result.put("current-context", name);
        return new Kubeconfig(result);
    }

    /**
     * {@code existing} with this kubeconfig's cluster, user and context added, replacing entries
     * of the same name; the current context becomes this one's.
     */
    public Kubeconfig mergedInto(Kubeconfig existing) {
        Map<String, Object> result = copyMap(existing.document);
        for (String list : List.of("clusters", "users", "contexts")) {
            List<Object> merged = new ArrayList<>(listOf(result, list));
            for (Object entry : listOf(document, list)) {
                Object name = ((Map<?, ?>) entry).get("name");
                merged.removeIf(old -> old instanceof Map<?, ?> oldMap && name.equals(oldMap.get("name")));
                merged.add(entry);
            }
            result.put(list, merged);
        }
        result.put("current-context", document.get("current-context"));
        result.putIfAbsent("apiVersion", "v1");
        result.putIfAbsent("kind", "Config");
        return new Kubeconfig(result);
    }

    public String server() {
        return String.valueOf(section(single(document, "clusters"), "cluster").get("server"));
    }

    public String currentContext() {
        return String.valueOf(document.get("current-context"));
    }

    public String toYaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(new Representer(options), options).dump(document);
    }

    private static Map<String, Object> single(Map<String, Object> document, String list) {
        List<Object> entries = listOf(document, list);
        if (entries.size() != 1) {
            throw new IllegalArgumentException("expected one entry in " + list + ", found " + entries.size());
        }
        return castMap(entries.get(0), list);
    }

    private static List<Object> listOf(Map<String, Object> document, String key) {
        Object value = document.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("not a kubeconfig: " + key + " is not a list");
        }
        return new ArrayList<>(list);
    }

    private static Map<String, Object> section(Map<String, Object> entry, String key) {
        return castMap(entry.get(key), key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a kubeconfig: " + what + " is not a map");
        }
        return (Map<String, Object>) value;
    }

    /** A deep copy, so that no two Kubeconfig objects share mutable maps. */
    private static Map<String, Object> copyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, item) -> copy.put(String.valueOf(key), copyValue(item)));
        return copy;
    }

    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return copyMap(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(copyValue(item)));
            return copy;
        }
        return value;
    }
}
