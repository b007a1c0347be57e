package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.facts.FactsParser;
import io.k3j.inventory.Inventory;
import io.k3j.plan.ManagedFile;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A reset's removals on a host: what is there is removed (a dry run only reads), what is gone is left alone. */
class HostTeardownTest {
    private static final String DB = "198.51.100.5";
    private static final String THERE = "for path in '" + Paths.ETCD_UNIT + "' '" + Paths.ETCD_DATA + "'; do";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.withProvisionedEtcd();
    private final Operation.RemovePaths etcd = new Operation.RemovePaths(List.of(Paths.ETCD_UNIT, Paths.ETCD_DATA));

    private HostTeardown teardown(Wet wet) {
        ConnectedHosts hosts = new ConnectedHosts(Map.of(DB, fakes.host(DB)),
                Map.of(DB, FactsParser.parse("hostname=db1\narch=x86_64\npackages=etcd-server curl\n")),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        return new HostTeardown(new ApplyContext(inventory, hosts, Duration.ofSeconds(30), Clock.systemUTC(),
                DatastoreProbe.OVER_THE_NETWORK, wet));
    }

    @Test
    void thePathsThatAreThereAreRemovedAndSystemdReloadedForAUnitFile() {
        fakes.host(DB).on("which are there", FakeHost.script(THERE), FakeHost.ok(Paths.ETCD_UNIT + "\n"))
                .on("remove", FakeHost.script("\\Arm -rf -- '" + Paths.ETCD_UNIT + "'\nsystemctl daemon-reload\n\\z"), FakeHost.ok());

        assertThat(teardown(Wet.APPLY).removePaths(fakes.host(DB), etcd))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "removed " + Paths.ETCD_UNIT));
        assertThat(fakes.journal()).containsExactly(DB + ": which are there", DB + ": remove");
    }

    @Test
    void aDryRunOnlyReadsAndPathsAlreadyGoneAreLeftAlone() {
        fakes.host(DB).on("which are there", FakeHost.script(THERE), FakeHost.ok(Paths.ETCD_DATA + "\n"));

        assertThat(teardown(Wet.DRY_RUN).removePaths(fakes.host(DB), etcd))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "remove " + Paths.ETCD_DATA));

        fakes.host(DB).on("which are there", FakeHost.script(THERE), FakeHost.ok());
        assertThat(teardown(Wet.APPLY).removePaths(fakes.host(DB), etcd))
                .isEqualTo(new HostApplier.Result(Change.UNCHANGED, "none of them is there"));
        assertThat(fakes.journal()).containsExactly(DB + ": which are there", DB + ": which are there");
    }

    @Test
    void installedPackagesArePurgedAndOnesAlreadyGoneAreNot() {
        fakes.host(DB).on("purge", FakeHost.script("\\Aexport DEBIAN_FRONTEND=noninteractive\napt-get purge -y -q 'etcd-server'\n\\z"),
                FakeHost.ok());

        assertThat(teardown(Wet.APPLY).removePackages(fakes.host(DB), DB, new Operation.RemovePackages(List.of("etcd-server", "haproxy"))))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "purged etcd-server"));
        assertThat(teardown(Wet.DRY_RUN).removePackages(fakes.host(DB), DB, new Operation.RemovePackages(List.of("etcd-server"))))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "purge etcd-server"));
        assertThat(teardown(Wet.APPLY).removePackages(fakes.host(DB), DB, new Operation.RemovePackages(List.of("haproxy"))))
                .isEqualTo(new HostApplier.Result(Change.UNCHANGED, "not installed: haproxy"));
        assertThat(fakes.journal()).containsExactly(DB + ": purge");
    }

    @Test
    void theBlockIsTakenOutOfPgHbaConfWithItsModeAndOwnerKeptADryRunOnlyReadsAndAFileWithoutItIsLeftAlone() {
        String path = "/etc/postgresql/16/main/pg_hba.conf";
        Operation.RemoveBlock remove = new Operation.RemoveBlock(new ManagedFile(path, "0640", "postgres:postgres",
                "# BEGIN k3j-install staging\n# END k3j-install staging\n", false));
        fakes.host(DB).put(path, "local all postgres peer\n# BEGIN k3j-install staging\nhostssl k3s k3s 198.51.100.11/32 scram-sha-256\n"
                + "# END k3j-install staging\nhost all all ::1/128 scram-sha-256\n", "0640", "postgres:postgres");

        assertThat(teardown(Wet.DRY_RUN).removeBlock(fakes.host(DB), remove))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "remove the k3j-install block from " + path));
        assertThat(fakes.host(DB).uploads()).isEmpty();
        assertThat(teardown(Wet.APPLY).removeBlock(fakes.host(DB), remove))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "removed the k3j-install block from " + path));
        assertThat(fakes.host(DB).file(path)).hasValueSatisfying(file -> {
            assertThat(file.text()).isEqualTo("local all postgres peer\nhost all all ::1/128 scram-sha-256\n");
            assertThat(file.mode() + " " + file.owner()).isEqualTo("0640 postgres:postgres");
        });
        assertThat(teardown(Wet.APPLY).removeBlock(fakes.host(DB), remove))
                .isEqualTo(new HostApplier.Result(Change.UNCHANGED, "no k3j-install block in " + path));
    }

    @Test
    void aFailedRemovalSaysWhatAndWhatToDo() {
        fakes.host(DB).on("which are there", FakeHost.script(THERE), FakeHost.ok(Paths.ETCD_DATA + "\n"))
                .on("remove", FakeHost.script("\\Arm -rf"), FakeHost.exit(1, "rm: cannot remove '/var/lib/etcd/k3j': Device or resource busy"));

        assertThatThrownBy(() -> teardown(Wet.APPLY).removePaths(fakes.host(DB), etcd))
                .isInstanceOfSatisfying(ClusterChecks.CheckFailed.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("could not remove " + Paths.ETCD_DATA
                            + ": rm: cannot remove '/var/lib/etcd/k3j': Device or resource busy");
                    assertThat(e.fix()).isEqualTo("remove them by hand (rm -rf as root) and run the reset again");
                });
    }
}
