package io.k3j.wizard;

import io.k3j.inventory.InventoryPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

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

    public Optional<Answers> load() {
        if (!exists()) {
            return Optional.empty();
        }
        try {
            Object read = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, String> values = new LinkedHashMap<>();
            if (read instanceof Map<?, ?> map) {
                map.forEach((key, value) -> values.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
            }
            return Optional.of(Answers.of(values));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the draft " + file, e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the draft " + file, e);
        }
    }
}
