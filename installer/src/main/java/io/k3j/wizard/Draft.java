package io.k3j.wizard;

import io.k3j.inventory.InventoryPaths;
import io.k3j.inventory.PlainYaml;
import io.k3j.inventory.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The answers so far, saved after every answer in {@code .k3j/wizard-draft.yaml} next to the
 * inventory (0600), so an interrupted wizard can resume. A secret typed in clear is never saved:
 * it is asked again on resume.
 */
public final class Draft {
    static final String FILE = ".k3j/wizard-draft.yaml";

    private final Path file;

    private Draft(Path file) {
        this.file = file;
    }

    public static Draft nextTo(Path inventoryFile) {
        return new Draft(InventoryPaths.folderOf(inventoryFile).resolve(FILE));
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    public void save(Answers answers) {
        YamlWriter yaml = new YamlWriter()
                .comment(0, "k3j-install wizard: answers so far, to resume an interrupted session. Secrets only as references.");
        answers.asMap().forEach((key, value) -> {
            if (!(Keys.SECRETS.contains(key) && SecretAnswer.isClear(value))) {
                yaml.value(0, key, value);
            }
        });
        PrivateFile.write(file, yaml.toString());
    }

    /** The answers saved; a draft that is no longer a plain YAML mapping (edited by hand) is an {@link AnswerProblem}. */
    public Optional<Answers> load() {
        if (!exists()) {
            return Optional.empty();
        }
        PlainYaml yaml = PlainYaml.read(file);
        if (!yaml.problems().isEmpty()) {
            throw new AnswerProblem("the draft cannot be resumed, remove it to start afresh: "
                    + yaml.problems().stream().map(Problem::format).collect(Collectors.joining("; ")));
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (yaml.value().orElse(null) instanceof Map<?, ?> map) {
            map.forEach((key, value) -> values.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        }
        return Optional.of(Answers.of(values));
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the draft " + file, e);
        }
    }
}
