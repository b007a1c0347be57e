package io.k3j.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Malformed variants of one inventory: at every key and list item, the value dropped, emptied,
 * made null, given another type, made huge, or given characters a shell, a config file or a
 * terminal would take specially. Each variant is the inventory written out again as YAML.
 * Keys that stand in every item of a list alike (the 24 workers) are mutated in the first item
 * that has them only.
 */
final class InventoryMutations {
    /** Characters with a meaning somewhere a value may end up: shell, YAML, printf, SQL, URL, terminal, JSON. */
    private static final List<String> INJECTED = List.of(
            "\"", "'", "$(id)", "`id`", ";id", "\n", "\r", "\t", "\u0001", "\u001b[2J", "\u007f", "\\", "%", "%21", "\u2028",
            "é日本🙂", "${bogus:X}", "${env:}", " ");
    /** Longer than any setting may be (a DNS name: 253), short enough for thousands of runs. */
    private static final String HUGE = "h".repeat(20_000);

    /** One variant: what was done where, and the YAML text. */
    record Mutation(String description, String yaml) {
    }

    private InventoryMutations() {
    }

    static List<Mutation> of(String inventoryYaml) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(inventoryYaml);
        List<Mutation> mutations = new ArrayList<>();
        for (List<Object> path : distinctPaths(tree)) {
            Object value = at(tree, path);
            for (Map.Entry<String, Object> replacement : replacements(value).entrySet()) {
                mutations.add(new Mutation(describe(path) + ": " + replacement.getKey(),
                        dump(replaced(tree, path, replacement.getValue()))));
            }
            mutations.add(new Mutation(describe(path) + ": dropped", dump(replaced(tree, path, DROP))));
        }
        return mutations;
    }

    private static final Object DROP = new Object();

    private static Map<String, Object> replacements(Object value) {
        Map<String, Object> replacements = new LinkedHashMap<>();
        replacements.put("empty string", "");
        replacements.put("empty list", List.of());
        replacements.put("empty map", Map.of());
        replacements.put("null", null);
        replacements.put("zero", 0);
        replacements.put("negative", -1);
        replacements.put("too big a number", new BigInteger("99999999999999999999"));
        replacements.put("boolean", true);
        replacements.put("decimal", 1.5);
        replacements.put("huge string", HUGE);
        replacements.put("in a list", List.of(value == null ? "x" : value));
        replacements.put("in a map", Map.of("wrapped", value == null ? "x" : value));
        replacements.put("a map with a list for a key", Map.of(List.of("a", "b"), "x"));
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("self", loop); // written out as an anchor and an alias inside it
        replacements.put("a map that contains itself", loop);
        if (value instanceof List<?> list && !list.isEmpty()) {
            replacements.put("first item 1000 times", Collections.nCopies(1000, list.get(0)));
        }
        if (!(value instanceof Map) && !(value instanceof List)) {
            for (String injected : INJECTED) {
                replacements.put("with " + printable(injected) + " appended", value + injected);
            }
            for (String blank : List.of(" ", "\n", "\t")) {
                replacements.put("replaced by " + printable(blank), blank);
            }
        }
        return replacements;
    }

    /** Every key and list item, once per shape: {@code hosts[3].labels} is skipped once {@code hosts[0].labels} was seen. */
    private static List<List<Object>> distinctPaths(Object tree) {
        List<List<Object>> paths = new ArrayList<>();
        collect(tree, new ArrayList<>(), paths, new LinkedHashSet<>());
        return paths;
    }

    private static void collect(Object node, List<Object> path, List<List<Object>> paths, Set<String> shapes) {
        if (!path.isEmpty() && shapes.add(describe(path).replaceAll("\\[\\d+]", "[*]"))) {
            paths.add(List.copyOf(path));
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collect(value, appended(path, key), paths, shapes));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), appended(path, i), paths, shapes);
            }
        }
    }

    private static List<Object> appended(List<Object> path, Object segment) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(segment);
        return longer;
    }

    private static Object at(Object tree, List<Object> path) {
        Object node = tree;
        for (Object segment : path) {
            node = segment instanceof Integer index ? ((List<?>) node).get(index) : ((Map<?, ?>) node).get(segment);
        }
        return node;
    }

    /** A deep copy of {@code tree} with the value at {@code path} replaced (or removed, for {@link #DROP}). */
    private static Object replaced(Object tree, List<Object> path, Object replacement) {
        if (path.isEmpty()) {
            return replacement;
        }
        Object head = path.get(0);
        List<Object> rest = path.subList(1, path.size());
        if (tree instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                if (!key.equals(head)) {
                    copy.put(key, value);
                } else if (!rest.isEmpty() || replacement != DROP) {
                    copy.put(key, replaced(value, rest, replacement));
                }
            });
            return copy;
        }
        List<Object> copy = new ArrayList<>();
        List<?> list = (List<?>) tree;
        for (int i = 0; i < list.size(); i++) {
            if (i != (Integer) head) {
                copy.add(list.get(i));
            } else if (!rest.isEmpty() || replacement != DROP) {
                copy.add(replaced(list.get(i), rest, replacement));
            }
        }
        return copy;
    }

    private static String dump(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setSplitLines(false);
        return new Yaml(new Representer(options), options).dump(tree);
    }

    private static String describe(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object segment : path) {
            text.append(segment instanceof Integer ? "[" + segment + "]" : (text.length() == 0 ? "" : ".") + segment);
        }
        return text.toString();
    }

    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> shown.append(c < 0x20 || c == 0x7f || c == 0x2028
                ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return "'" + shown + "'";
    }
}
