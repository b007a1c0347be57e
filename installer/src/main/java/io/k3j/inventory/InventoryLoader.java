package io.k3j.inventory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads and validates an inventory file. Pure: it reads the file, the files it names (TLS,
 * air-gap) and the secrets it references, and touches no host.
 */
public final class InventoryLoader {
    private final Function<String, String> environment;

    /** {@code environment} resolves {@code ${env:NAME}}: {@code System::getenv}, or a map in tests. */
    public InventoryLoader(Function<String, String> environment) {
        this.environment = environment;
    }

    public LoadResult load(Path file) {
        Problems problems = new Problems(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return check(file, parse(reader, problems), problems);
        } catch (NoSuchFileException e) {
            problems.add(Position.START, "", "no such file");
        } catch (IOException e) {
            problems.add(Position.START, "", "cannot read: " + e.getMessage());
        }
        return new LoadResult(Optional.empty(), problems.sorted());
    }

    /**
     * Checks {@code text} as if it were the content of {@code file} (relative paths and secret
     * files resolve from that file's folder): the wizard checks its answers this way before it writes.
     */
    public LoadResult load(Path file, String text) {
        Problems problems = new Problems(file);
        return check(file, parse(new StringReader(text), problems), problems);
    }

    private LoadResult check(Path file, Optional<Node> root, Problems problems) {
        if (root.isEmpty()) {
            return new LoadResult(Optional.empty(), problems.sorted());
        }
        SecretResolver secrets = new SecretResolver(environment, InventoryPaths.folderOf(file));
        Optional<Inventory> inventory = new InventoryReader(file, problems, secrets).read(root.get());
        inventory.ifPresent(new InventoryRules(problems)::check);
        return new LoadResult(problems.isEmpty() ? inventory : Optional.empty(), problems.sorted(), problems.warnings());
    }

    /** The secret resolver for a loaded inventory: references are relative to its folder. */
    public SecretResolver secrets(Inventory inventory) {
        return new SecretResolver(environment, inventory.directory());
    }

    private static Optional<Node> parse(Reader reader, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // YamlMap reports duplicates with both lines
        options.setMaxAliasesForCollections(50);
        options.setAllowRecursiveKeys(false);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(reader);
            if (root == null) {
                problems.add(Position.START, "", "the file is empty; start from an example in inventories/");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (MarkedYAMLException e) {
            Position at = Position.of(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
            problems.add(at, "", "not valid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            problems.add(Position.START, "", "cannot read: " + e.getMessage());
        }
        return Optional.empty();
    }
}
