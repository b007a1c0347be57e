package io.k3j.lab;

/** The lab could not do what it was asked; the message says what and why. */
public final class LabException extends RuntimeException {
    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
