package io.k3j.cli;

import io.k3j.inventory.Inventory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where a run's log goes unless --log-file says: .k3j/logs/ beside the inventory, one file per run. */
final class RunLogs {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunLogs() {
    }

    static Path defaultPath(Inventory inventory, String command, Clock clock) {
        return defaultPath(inventory.directory(), command, clock);
    }

    static Path defaultPath(Path inventoryFolder, String command, Clock clock) {
        return inventoryFolder.resolve(".k3j/logs/" + command + "-" + STAMP.format(clock.instant()) + ".log");
    }
}
