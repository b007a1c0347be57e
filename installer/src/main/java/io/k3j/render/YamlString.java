package io.k3j.render;

/**
 * A YAML double-quoted string (a JSON string is one): the one place a value becomes YAML text,
 * for the templates' {@code q()} and the inventory the wizard writes alike.
 */
public final class YamlString {

    private YamlString() {
    }

    /** {@code text} double-quoted, with {@code "}, {@code \}, every control character and U+2028/9 (YAML line breaks) escaped. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
