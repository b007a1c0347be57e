package io.k3j.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML mapping read against what it may hold. Unknown keys ("did you mean ...?"), duplicate
 * keys, wrong types and missing required keys become {@link Problems} at the exact line and
 * column; reading goes on, so one run reports everything.
 */
final class YamlMap {
    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    YamlMap(MappingNode node, String path, Problems problems, Set<String> allowedKeys) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            readKey(tuple, allowedKeys);
        }
    }

    /** Allowed keys in the order the documentation gives them, for messages that list them. */
    static Set<String> keys(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }

    /** Reads {@code node} as a mapping; a problem and empty when it is something else. */
    static Optional<YamlMap> of(Node node, String path, Problems problems, Set<String> allowedKeys) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new YamlMap(mapping, path, problems, allowedKeys));
        }
        problems.add(Position.of(node.getStartMark()), path, "expected a mapping (key: value lines), found " + describe(node));
        return Optional.empty();
    }

    private void readKey(NodeTuple tuple, Set<String> allowedKeys) {
        Node keyNode = tuple.getKeyNode();
        Position at = Position.of(keyNode.getStartMark());
        if (!(keyNode instanceof ScalarNode scalar)) {
            problems.add(at, path, "a key must be a plain word");
            return;
        }
        String key = scalar.getValue();
        if (!allowedKeys.contains(key)) {
            String hint = Spelling.closest(key, allowedKeys).map(near -> " (did you mean '" + near + "'?)").orElse("");
            problems.add(at, child(key), "unknown key" + hint + "; allowed here: " + String.join(", ", allowedKeys));
            return;
        }
        NodeTuple earlier = entries.putIfAbsent(key, tuple);
        if (earlier != null) {
            duplicateKey(problems, at, child(key), Position.of(earlier.getKeyNode().getStartMark()).line());
        }
    }

    String path() {
        return path;
    }

    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Position position() {
        return Position.of(node.getStartMark());
    }

    boolean has(String key) {
        return entries.containsKey(key) && !isNull(entries.get(key).getValueNode());
    }

    /** Where the value of {@code key} stands, or the mapping itself when the key is absent. */
    Position positionOf(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? position() : Position.of(tuple.getValueNode().getStartMark());
    }

    /** A string (a number or a date is taken as written); an empty one is a problem, as no setting means nothing by it. */
    Optional<String> string(String key) {
        Optional<String> text = scalar(key, "a string", Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.TIMESTAMP));
        if (text.filter(String::isBlank).isPresent()) {
            problems.add(positionOf(key), child(key), "empty; give a value, or leave the key out");
            return Optional.empty();
        }
        return text;
    }

    String string(String key, String defaultValue) {
        return string(key).orElse(defaultValue);
    }

    Optional<String> requiredString(String key, String what) {
        if (!has(key)) {
            problems.add(positionOf(key), child(key), "required: " + what);
            return Optional.empty();
        }
        return string(key);
    }

    Optional<Integer> integer(String key, int min, int max) {
        Optional<String> text = scalar(key, "a whole number", Set.of(Tag.INT));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below, as out of range
        }
        problems.add(positionOf(key), child(key), "must be from " + min + " to " + max + ", found " + text.get());
        return Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        return scalar(key, "true or false", Set.of(Tag.BOOL)).map(text -> Set.of("true", "yes", "on").contains(text.toLowerCase()));
    }

    Optional<YamlMap> map(String key, Set<String> allowedKeys) {
        return has(key) ? of(entries.get(key).getValueNode(), child(key), problems, allowedKeys) : Optional.empty();
    }

    /** Whether {@code key} holds a list (of any length); {@link #list} reports anything else. */
    boolean isList(String key) {
        return has(key) && entries.get(key).getValueNode() instanceof SequenceNode;
    }

    /** The items of a list, each with its own path ({@code key[0]}, {@code key[1]}...). */
    List<Item> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        Node value = entries.get(key).getValueNode();
        if (!(value instanceof SequenceNode sequence)) {
            problems.add(Position.of(value.getStartMark()), child(key), "expected a list, found " + describe(value));
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(new Item(sequence.getValue().get(i), child(key) + "[" + i + "]"));
        }
        return items;
    }

    /** A map of strings to strings, such as node labels. */
    Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        if (!has(key)) {
            return result;
        }
        Node value = entries.get(key).getValueNode();
        if (!(value instanceof MappingNode mapping)) {
            problems.add(Position.of(value.getStartMark()), child(key), "expected a mapping of names to values, found " + describe(value));
            return result;
        }
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Position at = Position.of(tuple.getKeyNode().getStartMark());
            if (tuple.getKeyNode() instanceof ScalarNode name && !isNull(name) && tuple.getValueNode() instanceof ScalarNode text
                    && !isNull(text) && !Tag.BOOL.equals(text.getTag())) {
                Integer earlier = lineOf.putIfAbsent(name.getValue(), at.line());
                if (earlier != null) {
                    duplicateKey(problems, at, child(key) + "." + name.getValue(), earlier);
                } else {
                    result.put(name.getValue(), text.getValue());
                }
            } else {
                problems.add(at, child(key), describe(tuple.getKeyNode()) + ": each entry must be name: value, "
                        + "with a string value (quote true/false/yes/no and numbers)");
            }
        }
        return result;
    }

    /** Settings passed through as they are (serverConfig, agentConfig): any YAML, kept in order. */
    Map<String, Object> passThrough(String key) {
        if (!has(key)) {
            return Map.of();
        }
        Node value = entries.get(key).getValueNode();
        if (!(value instanceof MappingNode mapping)) {
            problems.add(Position.of(value.getStartMark()), child(key), "expected a mapping of K3s settings, found " + describe(value));
            return Map.of();
        }
        return new PlainValue(problems).map(mapping, child(key));
    }

    /** The key's value node, for callers that read a nested structure themselves. */
    Optional<Node> node(String key) {
        return has(key) ? Optional.of(entries.get(key).getValueNode()) : Optional.empty();
    }

    private Optional<String> scalar(String key, String expected, Set<Tag> tags) {
        if (!has(key)) {
            return Optional.empty();
        }
        Node value = entries.get(key).getValueNode();
        if (value instanceof ScalarNode scalar && tags.contains(scalar.getTag())) {
            return Optional.of(scalar.getValue());
        }
        problems.add(Position.of(value.getStartMark()), child(key), "expected " + expected + ", found " + describe(value));
        return Optional.empty();
    }

    /** A key set a second time in one mapping (SnakeYAML would keep the last silently): names the line of the first. */
    static void duplicateKey(Problems problems, Position position, String path, int firstLine) {
        problems.add(position, path, "duplicate key; it is already set on line " + firstLine);
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (Tag.NULL.equals(tag)) {
            return "nothing";
        }
        if (Tag.BOOL.equals(tag)) {
            return "the boolean " + Shown.value(scalar.getValue());
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            return "the number " + Shown.value(scalar.getValue());
        }
        if (!Tag.STR.equals(tag)) {
            return "a value tagged " + tag.getValue() + " (a string needs no tag)";
        }
        return "the string " + Shown.value(scalar.getValue());
    }

    /** One item of a list, with its path for messages. */
    record Item(Node node, String path) {

        Position position() {
            return Position.of(node.getStartMark());
        }
    }
}
