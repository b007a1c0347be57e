package io.k3j.wizard;

import io.k3j.render.YamlString;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Writes YAML by hand, for a file people read: comments, block style, quotes only where YAML needs them. */
final class YamlWriter {
    private static final Resolver RESOLVER = new Resolver();
    private static final int WIDTH = 100;

    private final StringBuilder text = new StringBuilder();

    /** A comment, wrapped to fit {@value #WIDTH} columns. */
    YamlWriter comment(int depth, String text) {
        Wrap.lines(text, WIDTH - 2 * depth - 2).forEach(line -> line(depth, "# " + line));
        return this;
    }

    YamlWriter section(int depth, String key) {
        return line(depth, key + ":");
    }

    YamlWriter value(int depth, String key, String value) {
        return line(depth, key + ": " + scalar(value));
    }

    /** A number when the answer is one; anything else quoted, for validation to refuse with its reason. */
    YamlWriter number(int depth, String key, String value) {
        return line(depth, key + ": " + (value.matches("\\d{1,9}") ? value : YamlString.quote(value)));
    }

    YamlWriter flag(int depth, String key, boolean value) {
        return line(depth, key + ": " + value);
    }

    YamlWriter item(int depth, String flowMapping) {
        return line(depth, "- " + flowMapping);
    }

    YamlWriter blank() {
        text.append('\n');
        return this;
    }

    YamlWriter line(int depth, String line) {
        text.append("  ".repeat(depth)).append(line).append('\n');
        return this;
    }

    /** Plain when YAML reads it back as the same string, else double-quoted. */
    static String scalar(String value) {
        boolean plain = value.matches("[A-Za-z0-9~/.][A-Za-z0-9_./:@+~-]*") && !value.contains(": ")
                && RESOLVER.resolve(NodeId.scalar, value, true).equals(Tag.STR);
        return plain ? value : YamlString.quote(value);
    }

    private static String quoted(String value) {
        return YamlString.quote(value);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
