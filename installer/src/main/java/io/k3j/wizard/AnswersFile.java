package io.k3j.wizard;

import io.k3j.inventory.PlainYaml;
import io.k3j.inventory.Problem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Answers given up front: a YAML file with the keys of {@link Keys}, nested
 * ({@code datastore: {type: postgres}}) or dotted ({@code datastore.type: postgres}); lists
 * ({@code servers: {hosts: [...]}}) become the wizard's comma-separated answer.
 */
public final class AnswersFile {

    private AnswersFile() {
    }

    public static Answers read(Path file) {
        PlainYaml yaml = PlainYaml.read(file);
        if (!yaml.problems().isEmpty()) {
            throw new AnswerProblem(yaml.problems().stream().map(Problem::format).collect(Collectors.joining("\n")));
        }
        Object root = yaml.value().orElse(null);
        Map<String, String> flat = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> map) {
            flatten("", map, flat);
        } else if (root != null) {
            throw new AnswerProblem(file + ":1:1: expected a mapping of answers, such as name: prod");
        }
        return checkedKeys(file, flat);
    }

    /** {@code KEY=VALUE} pairs from the command line, under the same keys. */
    public static Answers of(Map<String, String> pairs, String source) {
        return checkedKeys(Path.of(source), new LinkedHashMap<>(pairs));
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> flat) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name + ".", nested, flat);
            } else if (value instanceof List<?> items) {
                flat.put(name, String.join(", ", items.stream().map(String::valueOf).toList()));
            } else {
                flat.put(name, value == null ? "" : String.valueOf(value));
            }
        });
    }

    private static Answers checkedKeys(Path source, Map<String, String> answers) {
        List<String> unknown = answers.keySet().stream().filter(key -> !Keys.ALL.contains(key)).toList();
        if (!unknown.isEmpty()) {
            throw new AnswerProblem(source + ": unknown answer " + String.join(", ", unknown)
                    + "; the keys are listed in docs/wizard.md");
        }
        return Answers.of(answers);
    }
}
