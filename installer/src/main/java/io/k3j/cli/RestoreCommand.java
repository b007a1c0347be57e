package io.k3j.cli;

import io.k3j.apply.ApplyFailed;
import io.k3j.apply.ClusterApply;
import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.Node;
import io.k3j.apply.StepFailure;
import io.k3j.apply.WaveRunner;
import io.k3j.backup.BackupFolder;
import io.k3j.backup.BackupRefused;
import io.k3j.backup.ClusterRestore;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.SecretResolver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore",
        header = "Restore the cluster from a backup: its datastore and its token.",
        description = {
            "Restores a backup 'k3j-install backup' made onto the inventory's cluster: checks the backup's sha256 sums "
                    + "and that its datastore type is the inventory's; stops every server (only with --stop-servers when "
                    + "one runs: a restore onto a running cluster is refused); drops and loads the datastore (PostgreSQL: "
                    + "pg_restore --clean; MySQL/MariaDB: mysql; etcd: etcdctl snapshot restore into a fresh data folder, "
                    + "swapped in, the old one kept as /var/lib/etcd/k3j.before-restore), on its host when k3j-install "
                    + "provisioned it, else from the first server as K3s reaches it (an existing etcd is refused: it is "
                    + "restored on its members, by etcd's own procedure); writes the backup's token into "
                    + "every server's config.yaml and server/token; starts the servers one at a time, each ready before the "
                    + "next; then checks every node as apply does.",
            "",
            "Everything the cluster did after the backup is lost. It asks for the cluster's name on a terminal; without "
                    + "one (CI) it needs --yes. Errors name the host and the step; a restore cut short can be run again."})
public class RestoreCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Parameters(index = "1", paramLabel = "BACKUP", description = "The backup's folder (as 'backup' printed it).")
    Path backup;

    @Option(names = "--stop-servers", description = "Stop the servers that run (every server is stopped during a restore).")
    boolean stopServers;

    @Mixin
    ConfirmationOption confirmation;

    @Mixin
    InventoryRunOptions run;

    @Mixin
    ClusterChangeOptions change;

    @Override
    protected ExitCode run(CommandContext context) {
        Inventory valid = InventoryInput.load(inventory, context);
        BackupFolder folder = refusedAs(() -> {
            BackupFolder opened = BackupFolder.open(backup);
            opened.requireFits(valid);
            return opened;
        });
        confirmation.require(context, valid.name(), "Restore replaces everything in " + valid.name()
                + " with the backup taken " + folder.manifest().created() + ".", "restore replaces the state of " + valid.name()
                + " with the backup's (taken " + folder.manifest().created() + ")");
        Clock clock = Clock.systemUTC();
        Path log = run.logFile(valid, "restore", clock);
        Duration limit = change.readyLimit();
        List<Node> nodes;
        try (ConnectedHosts hosts = HostSession.openLocked(valid, run.ssh(), change.lock(), log, context, clock)) {
            SecretResolver secrets = new InventoryLoader(context.environment()::get).secrets(valid);
            ClusterApply check = new ClusterApply(valid, secrets, hosts, new WaveRunner(run.ssh().parallel(), clock), limit, clock);
            ClusterRestore restore = new ClusterRestore(valid, secrets, hosts, limit);
            nodes = refusedAs(() -> {
                try {
                    return restore.restore(folder, stopServers, check::awaitNodes);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CliException(ExitCode.INTERRUPTED, "interrupted; run the restore again to finish it (the servers may be stopped)");
                }
            });
        } catch (StepFailure e) {
            throw failed(List.of(e), log, context);
        } catch (ApplyFailed e) {
            throw failed(e.failures(), log, context);
        }
        String ready = nodes.stream().map(Node::name).collect(Collectors.joining(", "));
        context.output().result(context.output().style().success("✓ ") + "restored " + valid.name() + " from " + backup + " (taken "
                + folder.manifest().created() + "); nodes Ready: " + ready);
        context.output().event("restored", "cluster", valid.name(), "backup", backup.toString(),
                "created", folder.manifest().created().toString(), "nodes", nodes.stream().map(Node::name).toList());
        return ExitCode.OK;
    }

    private static <T> T refusedAs(Supplier<T> work) {
        try {
            return work.get();
        } catch (BackupRefused e) {
            throw new CliException(ExitCode.REFUSED, e.getMessage());
        }
    }

    private static CliException failed(List<StepFailure> failures, Path log, CommandContext context) {
        failures.forEach(failure -> {
            context.output().error(failure.describe());
            context.output().event("restore-failed", "host", failure.host(), "step", failure.step().name().toLowerCase(),
                    "action", failure.action(), "problem", failure.getMessage(), "fix", failure.fix());
        });
        return new CliException(ExitCode.APPLY_FAILED, "the restore stopped (each failure said above); fix the cause and run it again. "
                + "The run log is " + log);
    }
}
