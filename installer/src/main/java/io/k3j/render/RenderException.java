package io.k3j.render;

/** A template could not be rendered: a bug in the template or its model, never the user's input. */
public final class RenderException extends RuntimeException {
    public RenderException(String template, String reason, Throwable cause) {
        super("cannot render template " + template + ": " + reason, cause);
    }
}
