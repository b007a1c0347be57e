package io.k3j.cli;

/** An error meant for the user: its message is printed as is, and it ends the command with its exit code. */
public class CliException extends RuntimeException {
    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
