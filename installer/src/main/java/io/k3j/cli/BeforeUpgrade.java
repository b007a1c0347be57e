package io.k3j.cli;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.StepFailure;
import io.k3j.backup.BackupRefused;
import io.k3j.backup.ClusterBackup;
import io.k3j.backup.UpgradeBackup;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.SecretResolver;
import io.k3j.output.Output;
import java.time.Clock;

/**
 * The backup an upgrade takes before any host changes ({@link UpgradeBackup} decides which): plan and
 * apply say it alike; apply takes it, and a backup that fails ends the command with no host changed.
 */
final class BeforeUpgrade {

    private BeforeUpgrade() {
    }

    /** The decision, one line (a warning when the upgrade goes without a backup) and one upgrade-backup event. */
    static void show(UpgradeBackup backup, Output output) {
        if (backup instanceof UpgradeBackup.NoUpgrade) {
            return;
        }
        if (backup.warns()) {
            output.warning(backup.says());
        } else {
            output.info(backup.says());
        }
        output.event("upgrade-backup", "backup", backup.kind(), "moving", backup.moving(), "message", backup.says());
    }

    /**
     * Takes the backup {@code backup} asks for, if any, and names its folder.
     *
     * @throws CliException exit 4 when it fails: the upgrade has not started
     */
    static void take(UpgradeBackup backup, Inventory inventory, SecretResolver secrets, ConnectedHosts hosts, Output output,
                     Clock clock) {
        if (!(backup instanceof UpgradeBackup.Take take)) {
            return;
        }
        ClusterBackup.Taken taken;
        try {
            taken = new ClusterBackup(inventory, secrets, hosts, clock).take(take.parent());
        } catch (StepFailure e) {
            throw failed(take, e.describe());
        } catch (BackupRefused e) {
            throw failed(take, e.getMessage());
        }
        BackupCommand.reportTaken(output, inventory.name(), taken);
    }

    private static CliException failed(UpgradeBackup.Take take, String why) {
        return new CliException(ExitCode.PREFLIGHT_FAILED, "the backup of the " + take.type() + " datastore on " + take.datastoreHost()
                + " before the upgrade failed, so the upgrade did not start and no host was changed: " + why
                + ". Mend that and apply again; or apply with --no-backup to upgrade without a backup (going back a minor "
                + "version then has none)");
    }
}
