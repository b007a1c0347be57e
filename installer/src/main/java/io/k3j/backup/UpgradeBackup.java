package io.k3j.backup;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Paths;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an upgrade does about a backup before any node moves, decided from the inventory and the
 * flags alone, so that {@code plan} says exactly what {@code apply} will do: going back a minor
 * version needs the datastore and the token as they were before the upgrade (docs.k3s.io
 * {@code upgrades/roll-back}). Pure.
 */
public sealed interface UpgradeBackup {

    /** The nodes that move, as "host (version -> target)"; empty when nothing does. */
    List<String> moving();

    /** What the plan and apply say about it, one line. */
    String says();

    /** Whether that line is a warning: the upgrade goes ahead without a backup. */
    boolean warns();

    /** The decision in one word, for the upgrade-backup JSON event. */
    String kind();

    /** Nothing moves: no upgrade, no backup. */
    record NoUpgrade() implements UpgradeBackup {
        @Override
        public List<String> moving() {
            return List.of();
        }

        @Override
        public String says() {
            return "";
        }

        @Override
        public boolean warns() {
            return false;
        }

        @Override
        public String kind() {
            return "none";
        }
    }

    /** A datastore k3j-install provisioned: backed up with the token into a new folder under {@code parent} first. */
    record Take(Path parent, String cluster, String datastoreHost, Datastore.Type type, List<String> moving) implements UpgradeBackup {
        @Override
        public String says() {
            return "before the upgrade of " + String.join(", ", moving) + ": a backup of the " + type + " datastore on " + datastoreHost
                    + " and of the token into " + parent.resolve(cluster + "-<UTC time>") + " (--backup-dir to choose the folder); "
                    + "if it fails, no host is changed";
        }

        @Override
        public boolean warns() {
            return false;
        }

        @Override
        public String kind() {
            return "take";
        }
    }

    /** A datastore k3j-install provisioned, and {@code --no-backup}. */
    record Declined(Path inventory, String datastoreHost, List<String> moving) implements UpgradeBackup {
        @Override
        public String says() {
            return "no backup of the datastore on " + datastoreHost + " or of the token is taken before this upgrade of "
                    + String.join(", ", moving) + " (--no-backup): going back a minor version needs one (docs.k3s.io upgrades/roll-back); "
                    + "take one first with 'k3j-install backup " + inventory + "'";
        }

        @Override
        public boolean warns() {
            return true;
        }

        @Override
        public String kind() {
            return "declined";
        }
    }

    /**
     * A datastore k3j-install did not provision (spec.datastore.endpoint): not backed up unasked,
     * since that needs a client tool on the first server that apply does not install.
     */
    record NotProvisioned(Datastore.Type type, List<String> moving) implements UpgradeBackup {
        @Override
        public String says() {
            return "k3j-install takes no backup before this upgrade of " + String.join(", ", moving) + ": it did not provision the "
                    + "datastore (spec.datastore.endpoint); to be able to roll back (docs.k3s.io upgrades/roll-back), back it up "
                    + "first: 'k3j-install backup' (" + DatastoreCommands.dumpTool(type) + " from the first server, where "
                    + ExistingDatastoreCommands.debianPackage(type) + " must be installed), or its own tools, keeping a server's "
                    + "token (" + Paths.SERVER_TOKEN + ") with the dump";
        }

        @Override
        public boolean warns() {
            return true;
        }

        @Override
        public String kind() {
            return "not-provisioned";
        }
    }

    /**
     * The backup for an upgrade of {@code moving}: into a new folder under {@code parent}, or none
     * when {@code parent} is empty ({@code --no-backup}).
     */
    static UpgradeBackup decide(Inventory inventory, List<String> moving, Optional<Path> parent) {
        if (moving.isEmpty()) {
            return new NoUpgrade();
        }
        Datastore datastore = inventory.datastore();
        Optional<Datastore.Provision> provision = datastore.provision();
        if (provision.isEmpty()) {
            return new NotProvisioned(datastore.type(), List.copyOf(moving));
        }
        String host = provision.get().first().address();
        return parent.<UpgradeBackup>map(folder -> new Take(folder, inventory.name(), host, datastore.type(), List.copyOf(moving)))
                .orElseGet(() -> new Declined(inventory.file(), host, List.copyOf(moving)));
    }
}
