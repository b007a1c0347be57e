package io.k3j.inventory;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

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
        return new LoadResult(problems.isEmpty() ? inventory : Optional.empty(), problems.sorted());
    }

    /** The secret resolver for a loaded inventory: references are relative to its folder. */
    public SecretResolver secrets(Inventory inventory) {
        return new SecretResolver(environment, inventory.directory());
    }

    private static Optional<Node> parse(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // YamlMap reports duplicates with both lines
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(InventoryText.LARGEST);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            if (root == null) {
                problems.add(Position.START, "", "the file is empty; start from an example in inventories/");
                return Optional.empty();
            }
            return NodeLimits.check(root, problems) ? Optional.of(root) : Optional.empty();
        } catch (MarkedYAMLException e) {
            Position at = Position.of(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
            boolean secondDocument = e instanceof ComposerException && String.valueOf(e.getProblem()).contains("another document");
            problems.add(at, "", secondDocument ? "a second YAML document starts here; an inventory file holds one"
                    : "not valid YAML: " + e.getProblem() + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
        } catch (ReaderException e) {
            problems.add(positionOfCodePoint(text, e.getPosition()), "", String.format(
                    "the character U+%04X is not allowed in YAML (a control character: a binary file?)", e.getCodePoint()));
        } catch (YAMLException e) {
            problems.add(Position.START, "", "not valid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static Position positionOfCodePoint(String text, int codePoint) {
        int index = text.offsetByCodePoints(0, Math.min(Math.max(codePoint, 0), text.codePointCount(0, text.length())));
        return InventoryText.positionAfter(text.substring(0, index));
    }
}
