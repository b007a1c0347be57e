package io.k3j.render;

/**
 * Values for a curl config file ({@code curl --config -}, read from standard input), the one way
 * k3j-install hands curl a secret: nothing of it reaches curl's command line, which every local
 * user can read. A value is written double-quoted, where curl reads {@code \\}, {@code \"},
 * {@code \t}, {@code \n}, {@code \r} and {@code \v} as escapes (curl(1), "-K, --config").
 */
public final class CurlConfig {

    private CurlConfig() {
    }

    /** {@code name = "value"}, one line of a config file. */
    public static String option(String name, String value) {
        return name + " = " + quoted(value) + "\n";
    }

    static String quoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\u000b' -> out.append("\\v");
                case '\0' -> throw new IllegalArgumentException("a NUL character cannot be passed to curl");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
