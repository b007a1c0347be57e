package io.k3j.cli;

import java.nio.file.Path;

/** Loads and validates the inventory a command was given (wired to io.k3j.inventory next). */
final class InventoryInput {

    private InventoryInput() {
    }

    static void load(Path file, CommandContext context) {
        throw new CliException(ExitCode.INTERNAL, "inventory loading is being wired in: " + file);
    }
}
