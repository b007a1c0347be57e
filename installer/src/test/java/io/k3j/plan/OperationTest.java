package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an operation would change given what the host has: decided by the operation, the same for apply and plan. */
class OperationTest {
    private static final Operation.Services K3S = new Operation.Services(List.of("k3s"), new Operation.Active(), true);

    @Test
    void onlyThePackagesTheHostLacksAreInstalled() {
        Operation.Packages packages = new Operation.Packages(List.of("haproxy", "keepalived"));

        assertThat(packages.missing(Set.of("haproxy")::contains)).containsExactly("keepalived");
        assertThat(packages.missing(Set.of("haproxy", "keepalived")::contains)).isEmpty();
    }

    @Test
    void aFileIsNewChangedOrUnchangedByItsContent() {
        Operation.WriteFile write = new Operation.WriteFile(ManagedFile.rootOnly("/etc/x", "a\n"));

        assertThat(write.against(Optional.empty())).isEqualTo(Operation.FileChange.NEW);
        assertThat(write.against(Optional.of("b\n"))).isEqualTo(Operation.FileChange.CHANGED);
        assertThat(write.against(Optional.of("a\n"))).isEqualTo(Operation.FileChange.UNCHANGED);
    }

    @Test
    void aBlockIsUnchangedWhenTheFileHoldsItAsItIsWhateverElseTheFileHolds() {
        Operation.KeepBlock block = new Operation.KeepBlock(ManagedFile.readable("/etc/pg_hba.conf", "# BEGIN k3j\nhost all\n# END k3j\n"));

        assertThat(block.against(Optional.of("local all\n# BEGIN k3j\nhost all\n# END k3j\n"))).isEqualTo(Operation.FileChange.UNCHANGED);
        assertThat(block.against(Optional.of("local all\n# BEGIN k3j\nhost old\n# END k3j\n"))).isEqualTo(Operation.FileChange.CHANGED);
        assertThat(block.current(Optional.of("local all\n# BEGIN k3j\nhost old\n# END k3j\n"))).isEqualTo("# BEGIN k3j\nhost old\n# END k3j\n");
        assertThat(block.against(Optional.of("local all\n"))).isEqualTo(Operation.FileChange.CHANGED);
        assertThat(block.against(Optional.empty())).isEqualTo(Operation.FileChange.NEW);
    }

    @Test
    void unitsRestartWhenNotRunningOrWhenTheirStampDiffersAndSayWhy() {
        assertThat(K3S.restartReason(false, false, List.of())).hasValue("not running");
        assertThat(K3S.restartReason(true, true, List.of())).isEmpty();
        assertThat(K3S.restartReason(true, false, List.of("/etc/rancher/k3s/config.yaml", "k3s v1.31.4+k3s1")))
                .hasValue("/etc/rancher/k3s/config.yaml, k3s v1.31.4+k3s1 changed");
        assertThat(K3S.restartReason(true, false, List.of())).hasValueSatisfying(reason -> assertThat(reason).contains("not recorded"));
        assertThat(K3S.stamp()).isEqualTo("services-k3s");
    }
}
