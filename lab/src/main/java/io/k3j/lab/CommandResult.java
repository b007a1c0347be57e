package io.k3j.lab;

/** What a command run by the lab printed and how it ended. */
public record CommandResult(int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** The result, or an error that shows what the command printed. */
    public CommandResult orThrow(String what) {
        if (!ok()) {
            throw new LabException(what + " failed (exit " + exitCode + "): " + stderr.strip() + " " + stdout.strip());
        }
        return this;
    }
}
