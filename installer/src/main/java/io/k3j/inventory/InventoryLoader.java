package io.k3j.inventory;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
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
        return check(file, InventoryText.read(file, problems).flatMap(text -> parse(text, problems)), problems);
    }

    /**
     * Checks {@code text} as if it were the content of {@code file} (relative paths and secret
     * files resolve from that file's folder): the wizard checks its answers this way before it writes.
     */
    public LoadResult load(Path file, String text) {
        Problems problems = new Problems(file);
        return check(file, parse(text, problems), problems);
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

    private static Optional<Node> parse(String text, Problems problems) {
        Optional<Node> root = YamlText.compose(text, problems);
        if (root.isEmpty() && problems.isEmpty()) {
            problems.add(Position.START, "", "the file is empty; start from an example in inventories/");
        }
        return root;
    }
}
