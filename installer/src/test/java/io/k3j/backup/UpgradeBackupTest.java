package io.k3j.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Inventory;
import io.k3j.plan.Paths;
import io.k3j.testing.ExampleInventories;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeBackupTest {
    private static final List<String> MOVING = List.of("198.51.100.11 (v1.30.8+k3s1 -> v1.31.4+k3s1)");
    private static final Path PARENT = Path.of("/srv/backups");

    private final Inventory provisioned = ExampleInventories.load("airgap.yaml");
    private final Inventory existing = ExampleInventories.load("etcd-dedicated.yaml");

    @Test
    void nothingMovingIsNoUpgradeAndNeedsNoBackup() {
        assertThat(UpgradeBackup.decide(provisioned, List.of(), Optional.of(PARENT))).isInstanceOf(UpgradeBackup.NoUpgrade.class);
        assertThat(UpgradeBackup.decide(existing, List.of(), Optional.empty())).isInstanceOf(UpgradeBackup.NoUpgrade.class);
    }

    @Test
    void aProvisionedDatastoreIsBackedUpIntoANewFolderUnderTheParentNamingTheHostAndTheNodesThatMove() {
        UpgradeBackup backup = UpgradeBackup.decide(provisioned, MOVING, Optional.of(PARENT));

        assertThat(backup).isEqualTo(new UpgradeBackup.Take(PARENT, provisioned.name(), "198.51.100.5",
                provisioned.datastore().type(), MOVING));
        assertThat(backup.warns()).isFalse();
        assertThat(backup.says()).contains("before the upgrade of " + MOVING.get(0))
                .contains("a backup of the postgres datastore on 198.51.100.5 and of the token")
                .contains(PARENT.resolve(provisioned.name() + "-<UTC time>").toString())
                .contains("if it fails, no host is changed");
    }

    @Test
    void noBackupOfAProvisionedDatastoreIsAWarningThatSaysHowToTakeOne() {
        UpgradeBackup backup = UpgradeBackup.decide(provisioned, MOVING, Optional.empty());

        assertThat(backup).isInstanceOf(UpgradeBackup.Declined.class);
        assertThat(backup.warns()).isTrue();
        assertThat(backup.says()).contains("no backup of the datastore on 198.51.100.5 or of the token", "(--no-backup)",
                MOVING.get(0), "k3j-install backup " + provisioned.file());
    }

    @Test
    void anExistingDatastoreIsNeverBackedUpByK3jInstallAndThePlanSaysWithWhatToBackItUp() {
        for (Optional<Path> parent : List.of(Optional.of(PARENT), Optional.<Path>empty())) {
            UpgradeBackup backup = UpgradeBackup.decide(existing, MOVING, parent);

            assertThat(backup).isInstanceOf(UpgradeBackup.NotProvisioned.class);
            assertThat(backup.warns()).isTrue();
            assertThat(backup.says()).contains("k3j-install takes no backup before this upgrade of " + MOVING.get(0),
                    "spec.datastore.endpoint", "'k3j-install backup'", "etcdctl snapshot save", "etcd-client", Paths.SERVER_TOKEN);
        }
    }

    @Test
    void eachDecisionHasItsOwnWordForTheEvent() {
        assertThat(List.of(UpgradeBackup.decide(provisioned, MOVING, Optional.of(PARENT)), UpgradeBackup.decide(provisioned, MOVING,
                        Optional.empty()), UpgradeBackup.decide(existing, MOVING, Optional.empty()),
                UpgradeBackup.decide(existing, List.of(), Optional.empty())).stream().map(UpgradeBackup::kind))
                .containsExactly("take", "declined", "not-provisioned", "none");
    }
}
