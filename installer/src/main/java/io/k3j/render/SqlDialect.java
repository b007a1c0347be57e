package io.k3j.render;

/**
 * String literals and identifiers for the two SQL dialects k3j-install writes set-up scripts in,
 * each escaped the way that dialect reads it, whatever the server's settings:
 * <ul>
 * <li>PostgreSQL: an escape string {@code E'...'}, which reads backslash escapes with
 *     standard_conforming_strings on or off, so {@code \} and {@code '} are both escaped;
 *     identifiers in double quotes, {@code "} doubled.</li>
 * <li>MySQL/MariaDB: {@code '...'} with {@code \} and {@code '} backslash-escaped; the script
 *     first turns NO_BACKSLASH_ESCAPES off for its session, so this holds there too; identifiers in
 *     backticks, a backtick doubled.</li>
 * </ul>
 * Control characters are refused: the inventory refuses them before, so one here is a bug.
 */
enum SqlDialect {
    POSTGRES("E'", '"'),
    MYSQL("'", '`');

    private final String literalOpening;
    private final char identifierQuote;

    SqlDialect(String literalOpening, char identifierQuote) {
        this.literalOpening = literalOpening;
        this.identifierQuote = identifierQuote;
    }

    /** {@code text} as a string literal of this dialect: {@code \} and {@code '} backslash-escaped. */
    String literal(String text) {
        return literalOpening + checked(text).replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code text} as a quoted identifier (a database, a role) of this dialect, its quote character doubled. */
    String identifier(String text) {
        String quote = String.valueOf(identifierQuote);
        return quote + checked(text).replace(quote, quote + quote) + quote;
    }

    private static String checked(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException(String.format("a control character (U+%04X) cannot go into SQL",
                        (int) text.charAt(i)));
            }
        }
        return text;
    }
}
