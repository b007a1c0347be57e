package io.k3j.cli;

import io.k3j.backup.ClusterBackup;
import io.k3j.inventory.Inventory;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How an upgrade may go, shared by apply and plan (which says what apply will do): what the
 * preflight lets through that the K3s docs only advise against, and the backup taken first
 * (docs/upgrade.md).
 */
public class UpgradeRulesOptions {

    @Option(names = "--allow-patch-downgrade",
            description = "Allow a k3s.version older than what a node runs when both are of one minor version (a patch "
                    + "release back, which needs no datastore restore). Never another minor version, never a kubelet "
                    + "a minor version newer than the servers.")
    boolean allowPatchDowngrade;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Where the backup taken before an upgrade goes, a new folder <cluster>-<UTC time> in it "
                    + "(default: .k3j/backups next to the inventory, as 'backup' puts it).")
    Path backupDirectory;

    @Option(names = "--no-backup",
            description = "Upgrade without first backing up the datastore k3j-install provisioned and the token "
                    + "(going back a minor version needs that backup).")
    boolean noBackup;

    public boolean allowPatchDowngrade() {
        return allowPatchDowngrade;
    }

    /** Where an upgrade's backup goes, empty with --no-backup; both flags together are a usage error. */
    Optional<Path> backupParent(Inventory inventory) {
        if (noBackup && backupDirectory != null) {
            throw new CliException(ExitCode.USAGE, "--no-backup and --backup-dir contradict each other: give one of them");
        }
        if (noBackup) {
            return Optional.empty();
        }
        return Optional.of(backupDirectory != null ? backupDirectory : ClusterBackup.defaultParent(inventory));
    }
}
