package io.k3j.render;

import java.util.Map;

/**
 * A MySQL/MariaDB option file ({@code --defaults-extra-file}), the way k3j-install hands
 * {@code mysqldump} and {@code mysql} a password without it reaching their command line. A value is
 * written quoted: the reader (mysys {@code my_default.c}) strips one pair of quotes around it, reads
 * {@code \\}, {@code \n}, {@code \t}, {@code \r} and {@code \b} as escapes, and takes a {@code #}
 * outside quotes as a comment (MariaDB docs, "Configuring MariaDB with Option Files"). The quote
 * mark is one the value does not hold, so no quote inside it can end the value early.
 */
public final class MysqlOptionFile {

    private MysqlOptionFile() {
    }

    /** A {@code [group]} with each option as {@code name=value}; a null value is a flag ({@code name} alone). */
    public static String group(String name, Map<String, String> options) {
        StringBuilder out = new StringBuilder("[").append(name).append("]\n");
        options.forEach((option, value) -> out.append(option).append(value == null ? "" : "=" + quoted(value)).append('\n'));
        return out.toString();
    }

    static String quoted(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL character cannot be written into a MySQL option file");
        }
        char quote = value.indexOf('"') < 0 ? '"' : '\'';
        if (value.indexOf(quote) >= 0) {
            throw new IllegalArgumentException("a value with both quote marks (\" and ') cannot be written into a MySQL option file");
        }
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                default -> out.append(c);
            }
        }
        return out.append(quote).toString();
    }
}
