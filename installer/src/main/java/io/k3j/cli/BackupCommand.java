package io.k3j.cli;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.StepFailure;
import io.k3j.backup.BackupRefused;
import io.k3j.backup.ClusterBackup;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.output.Output;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup",
        header = "Back up the cluster: its datastore and its token.",
        description = {
            "Dumps the datastore (PostgreSQL: pg_dump --format=custom; MySQL/MariaDB: mysqldump --single-transaction; "
                    + "etcd: etcdctl snapshot save), on its host when k3j-install provisioned it, else on the first server "
                    + "with the endpoint and TLS files K3s uses there (the client tool must be installed there: "
                    + "postgresql-client, mariadb-client or etcd-client), streamed over SSH into a file here, "
                    + "and keeps with it the cluster's token (a backup cannot be restored without it), the inventory's "
                    + "sha256, the K3s version, the datastore's type and a sha256 of every file (SHA256SUMS).",
            "",
            "It all goes into one new folder, <cluster>-<UTC time> (0700, files 0600), under -o DIR (default: .k3j/backups "
                    + "beside the inventory). Nothing is changed on any host; the cluster keeps running. A dump that fails is "
                    + "an error naming the host and step, and nothing of the backup is kept. Restore it with 'k3j-install "
                    + "restore'. --output json: one 'backup' event with its path and size."})
public class BackupCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "The inventory file (YAML).")
    Path inventory;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR",
            description = "Where to make the backup's folder (default: .k3j/backups next to the inventory).")
    Path outputDirectory;

    @Mixin
    InventoryRunOptions run;

    @Override
    protected ExitCode run(CommandContext context) {
        Inventory valid = InventoryInput.load(inventory, context);
        Clock clock = Clock.systemUTC();
        Path log = run.logFile(valid, "backup", clock);
        Path parent = outputDirectory != null ? outputDirectory : ClusterBackup.defaultParent(valid);
        ClusterBackup.Taken taken;
        try (ConnectedHosts hosts = HostSession.open(valid, run.ssh(), log, context, clock)) {
            ClusterBackup backup = new ClusterBackup(valid, new InventoryLoader(context.environment()::get).secrets(valid), hosts, clock);
            try {
                backup.requireTools();
            } catch (BackupRefused e) {
                throw new CliException(ExitCode.REFUSED, e.getMessage());
            }
            taken = backup.take(parent);
        } catch (StepFailure e) {
            throw new CliException(ExitCode.APPLY_FAILED, e.describe() + ". The run log is " + log);
        } catch (BackupRefused e) {
            throw new CliException(ExitCode.APPLY_FAILED, e.getMessage());
        }
        reportTaken(context.output(), valid.name(), taken);
        return ExitCode.OK;
    }

    /** A backup taken, by this command or before an upgrade: its folder and size, and one backup event. */
    static void reportTaken(Output output, String cluster, ClusterBackup.Taken taken) {
        output.result(output.style().success("✓ ") + "backup of " + cluster + " (" + taken.manifest().datastore()
                + ", K3s " + taken.manifest().k3sVersion() + "): " + taken.directory() + " (" + taken.bytes() + " bytes)");
        output.event("backup", "path", taken.directory().toString(), "bytes", taken.bytes(), "cluster", cluster,
                "datastore", taken.manifest().datastore().name(), "k3s_version", taken.manifest().k3sVersion());
    }
}
