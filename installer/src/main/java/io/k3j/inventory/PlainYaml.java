package io.k3j.inventory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A YAML file other than an inventory (the wizard's answers) read with the inventory's protection:
 * the same file checks ({@link InventoryText}), limits ({@link YamlText}) and plain, distinct keys
 * ({@link PlainValue}). The value is present only when there are no problems; an empty file is
 * an empty value.
 */
public record PlainYaml(Optional<Object> value, List<Problem> problems) {

    public static PlainYaml read(Path file) {
        Problems problems = new Problems(file);
        Optional<Object> value = InventoryText.read(file, problems)
                .flatMap(text -> YamlText.compose(text, problems))
                .map(root -> new PlainValue(problems).of(root, ""));
        return new PlainYaml(problems.isEmpty() ? value : Optional.empty(), problems.sorted());
    }
}
