package io.k3j.wizard;

import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import io.k3j.inventory.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Checks answers with the rules of {@code validate}: the inventory the answers describe is read by
 * the real {@link InventoryLoader}, as if it were already the output file (so relative paths and
 * secret files resolve from its folder), and the problems under an answer's YAML path are its reasons.
 */
public final class AnswerCheck {
    private final InventoryLoader loader;
    private final Path inventoryFile;

    public AnswerCheck(InventoryLoader loader, Path inventoryFile) {
        this.loader = loader;
        this.inventoryFile = inventoryFile;
    }

    /** Why the answers are wrong at {@code yamlPath} or below it, or empty when they are fine there. */
    Optional<String> problemAt(Answers answers, String yamlPath) {
        List<String> reasons = all(answers).stream()
                .filter(problem -> problem.path().equals(yamlPath) || problem.path().startsWith(yamlPath + ".")
                        || problem.path().startsWith(yamlPath + "["))
                .map(Problem::message)
                .distinct()
                .toList();
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
    }

    /** Every problem of the whole inventory. */
    public List<Problem> all(Answers answers) {
        LoadResult result = loader.load(inventoryFile, InventoryYaml.render(answers));
        return result.problems();
    }

    public Path inventoryFile() {
        return inventoryFile;
    }
}
