package io.k3j.output;

import java.util.regex.Pattern;

/**
 * Text from a host (a command's error output, a journal, a fact it reports) made safe to show on
 * the operator's terminal: escape sequences (CSI, OSC, and the two-character ones) and every other
 * control character are removed, but for newline and tab. A host could otherwise move the cursor,
 * rewrite lines already shown, retitle the window or hide text with its output.
 */
public final class Printable {
    private static final Pattern ESCAPE_SEQUENCE = Pattern.compile(
            "\u001b\\[[0-?]*[ -/]*[@-~]"                         // CSI: colours, cursor moves, erasing
                    + "|\u001b\\][^\u0007\u001b]*(?:\u0007|\u001b\\\\)?" // OSC: window title, hyperlinks
                    + "|\u001b[P^_X][^\u001b]*(?:\u001b\\\\)?"           // DCS, PM, APC, SOS strings
                    + "|\u001b[ -/]*[0-~]?"                              // any other escape, with what it takes
                    + "|\u009b[0-?]*[ -/]*[@-~]");                       // CSI in its one-byte C1 form
    private static final Pattern OTHER_CONTROL = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]");

    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return null;
        }
        return OTHER_CONTROL.matcher(ESCAPE_SEQUENCE.matcher(text).replaceAll("")).replaceAll("");
    }
}
