package io.k3j.cli;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import io.k3j.inventory.Problem;
import io.k3j.output.Output;
import java.nio.file.Path;

/** Loads the inventory a command was given; an invalid one ends the command with every problem listed. */
final class InventoryInput {

    private InventoryInput() {
    }

    static LoadResult check(Path file, CommandContext context) {
        LoadResult result = new InventoryLoader(context.environment()::get).load(file);
        Output output = context.output();
        for (Problem problem : result.problems()) {
            output.event("problem", "file", problem.file().toString(), "line", problem.line(), "column", problem.column(),
                    "path", problem.path(), "message", problem.message());
            if (!output.json()) {
                output.error(problem.format());
            }
        }
        result.warnings().forEach(warning -> output.warning(warning.format()));
        output.event("validated", "file", file.toString(), "valid", result.valid(), "problems", result.problems().size());
        return result;
    }

    static Inventory load(Path file, CommandContext context) {
        LoadResult result = check(file, context);
        if (!result.valid()) {
            int count = result.problems().size();
            throw new CliException(ExitCode.INVALID_INVENTORY, file + " is invalid: " + count + " problem"
                    + (count == 1 ? "" : "s") + "; no host was touched");
        }
        return result.inventory().orElseThrow();
    }
}
