package io.k3j.cli;

import io.k3j.inventory.Inventory;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A run against the inventory's hosts: how they are reached, and where the run's log goes. Every online command has it. */
public class InventoryRunOptions {

    @Mixin
    SshOptions ssh;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Run log: every command run on the hosts and its result, secrets masked "
                    + "(default: .k3j/logs/<command>-<time>.log next to the inventory).")
    Path logFile;

    SshOptions ssh() {
        return ssh;
    }

    /** --log-file, else {@code .k3j/logs/<run>-<time>.log} beside the inventory. */
    Path logFile(Inventory valid, String run, Clock clock) {
        return logFile != null ? logFile : RunLogs.defaultPath(valid, run, clock);
    }
}
