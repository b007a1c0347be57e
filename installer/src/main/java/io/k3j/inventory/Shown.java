package io.k3j.inventory;

/**
 * Inventory text as a message shows it. A message is one line on the operator's terminal, so a
 * value from the file never brings a line break or a terminal control sequence into it, and a
 * huge value is cut to its start.
 */
final class Shown {
    static final int LONGEST = 80;

    private Shown() {
    }

    /** {@code 'value'}, cut after {@value #LONGEST} characters. Control characters are escaped by {@link #oneLine}. */
    static String value(String text) {
        if (text.codePointCount(0, text.length()) <= LONGEST) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, text.offsetByCodePoints(0, LONGEST)) + "…' (" + text.length() + " characters)";
    }

    /**
     * {@code message} on one line: line breaks and tabs as {@code \n}, {@code \r}, {@code \t}; other
     * control characters and the Unicode line separators by their code.
     */
    static String oneLine(String message) {
        StringBuilder shown = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> shown.append("\\n");
                case '\r' -> shown.append("\\r");
                case '\t' -> shown.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        shown.append(String.format("\\u%04x", c));
                    } else {
                        shown.appendCodePoint(c);
                    }
                }
            }
        });
        return shown.toString();
    }
}
