package io.k3j.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML node as plain Java values (String, Long, Double, Boolean, null, List, Map), typed as YAML
 * tagged it, for settings passed through as written (serverConfig, agentConfig). A mapping at any
 * depth must have plain, distinct keys: anything else is a problem at its place. The tree has no
 * loops ({@link NodeLimits}), so this ends.
 */
final class PlainValue {
    private final Problems problems;

    PlainValue(Problems problems) {
        this.problems = problems;
    }

    Object of(Node node, String path) {
        if (node instanceof MappingNode mapping) {
            return map(mapping, path);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            List<Node> items = sequence.getValue();
            for (int i = 0; i < items.size(); i++) {
                list.add(of(items.get(i), path + "[" + i + "]"));
            }
            return list;
        }
        return scalar((ScalarNode) node);
    }

    /** The mapping's entries in order; keys that are not plain words, or set twice, are problems and left out. */
    Map<String, Object> map(MappingNode mapping, String path) {
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position at = Position.of(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode key) || YamlMap.isNull(key) || key.getValue().isEmpty()) {
                problems.add(at, path, "a key must be a plain word, found " + YamlMap.describe(keyNode));
                continue;
            }
            String name = key.getValue();
            Integer earlier = lineOf.putIfAbsent(name, at.line());
            if (earlier != null) {
                YamlMap.duplicateKey(problems, at, child(path, name), earlier);
                continue;
            }
            map.put(name, of(tuple.getValueNode(), child(path, name)));
        }
        return map;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Object scalar(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (Tag.NULL.equals(tag)) {
            return null;
        }
        if (Tag.BOOL.equals(tag)) {
            return Boolean.valueOf(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on"));
        }
        if (Tag.INT.equals(tag)) {
            try {
                return Long.valueOf(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        if (Tag.FLOAT.equals(tag)) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }
}
