package io.k3j.inventory;

import java.io.StringReader;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * YAML text as a node tree with every position, or the problem at the place the text goes wrong.
 * Bounded: at most {@value InventoryText#LARGEST} characters, 50 levels and 50 aliases of a list
 * or mapping (SnakeYAML's limits), then {@link NodeLimits}.
 */
final class YamlText {

    private YamlText() {
    }

    /** The one document in {@code text}, within {@link NodeLimits}; empty when there is none or it is not valid (a problem then). */
    static Optional<Node> compose(String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // YamlMap reports duplicates with both lines
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(50);
        options.setCodePointLimit(InventoryText.LARGEST);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            return root == null || !NodeLimits.check(root, problems) ? Optional.empty() : Optional.of(root);
        } catch (MarkedYAMLException e) {
            Position at = Position.of(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
            boolean secondDocument = e instanceof ComposerException && String.valueOf(e.getProblem()).contains("another document");
            problems.add(at, "", secondDocument ? "a second YAML document starts here; the file must hold one"
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
