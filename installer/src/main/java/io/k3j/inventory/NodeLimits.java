package io.k3j.inventory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Bounds on the tree an inventory's aliases make, checked before anything reads it: an alias
 * inside its own anchor (a loop, which would never end), and aliases of aliases that expand a
 * small file into millions of values ("billion laughs"). SnakeYAML bounds the text itself (size,
 * nesting, number of aliases, see {@link InventoryLoader}); an alias still repeats a whole subtree.
 */
final class NodeLimits {
    /** Far above any inventory (24 workers: about 300 values), far below what memory would notice. */
    static final int MOST_VALUES = 100_000;
    /** Deeper than SnakeYAML's own nesting limit, which an alias inside a deep tree can pass. */
    static final int DEEPEST = 100;

    private final Problems problems;
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private int values;

    private NodeLimits(Problems problems) {
        this.problems = problems;
    }

    /** True when the tree is within bounds; otherwise the problem is added, at the anchor at fault. */
    static boolean check(Node root, Problems problems) {
        return new NodeLimits(problems).within(root, 0);
    }

    private boolean within(Node node, int depth) {
        if (open.contains(node)) {
            problems.add(Position.of(node.getStartMark()), "", "the alias *" + node.getAnchor() + " stands inside its own anchor &"
                    + node.getAnchor() + ": a value that contains itself never ends; write the values out");
            return false;
        }
        if (++values > MOST_VALUES || depth > DEEPEST) {
            problems.add(Position.of(node.getStartMark()), "", (depth > DEEPEST ? "nested more than " + DEEPEST + " levels deep"
                    : "more than " + MOST_VALUES + " values") + " once aliases are expanded"
                    + (node.getAnchor() == null ? "" : " (at &" + node.getAnchor() + ")") + "; an inventory is far smaller");
            return false;
        }
        open.add(node);
        boolean within = true;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                within = within && within(tuple.getKeyNode(), depth + 1) && within(tuple.getValueNode(), depth + 1);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                within = within && within(item, depth + 1);
            }
        }
        open.remove(node);
        return within;
    }
}
