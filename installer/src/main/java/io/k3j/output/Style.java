package io.k3j.output;

import org.jline.jansi.Ansi;

/** Colours for terminal text, or none at all: a run without colour gets the plain text back. */
public final class Style {
    private final boolean colour;

    public Style(boolean colour) {
        this.colour = colour;
    }

    public boolean enabled() {
        return colour;
    }

    public String error(String text) {
        return paint(text, Ansi.Color.RED, true);
    }

    public String warning(String text) {
        return paint(text, Ansi.Color.YELLOW, false);
    }

    public String success(String text) {
        return paint(text, Ansi.Color.GREEN, false);
    }

    public String heading(String text) {
        return colour ? Ansi.ansi().bold().a(text).reset().toString() : text;
    }

    public String faint(String text) {
        return colour ? Ansi.ansi().a(Ansi.Attribute.INTENSITY_FAINT).a(text).reset().toString() : text;
    }

    private String paint(String text, Ansi.Color color, boolean bold) {
        if (!colour) {
            return text;
        }
        Ansi ansi = Ansi.ansi();
        if (bold) {
            ansi = ansi.bold();
        }
        return ansi.fg(color).a(text).reset().toString();
    }
}
