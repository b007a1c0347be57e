package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.facts.FactsParser;
import io.k3j.facts.HostFacts;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Paths;
import io.k3j.plan.ResetPlanner;
import io.k3j.plan.Step;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reset's dry run on fake hosts that still have everything: through apply's interpreter, each step's
 * hosts say what they would remove, and no host is sent anything but reads. Only the reachable hosts
 * are planned; the package record read from each host decides what is purged.
 */
class ClusterResetTest {
    private static final String LB1 = "198.51.100.21";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.withProvisionedEtcd();

    /** Every host still has all of it: K3s, enabled units, every path asked about; LB1's record names haproxy. */
    private ClusterReset reset(List<String> unreachable) {
        Map<String, RemoteHost> hosts = new LinkedHashMap<>();
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        for (Inventory.RoledHost roled : inventory.allHosts()) {
            String address = roled.host().address();
            if (unreachable.contains(address)) {
                continue;
            }
            FakeHost host = fakes.host(address)
                    .on("is K3s left", FakeHost.script("\\A\\[ -e '/etc/systemd/system/k3s"), FakeHost.ok())
                    .on("is the unit there", FakeHost.script("\\Asystemctl is-enabled --quiet "), FakeHost.ok())
                    .on("which paths are there", FakeHost.script("\\Afor path in "), sent -> FakeHost.ok(String.join("\n",
                            sent.stdin().lines().findFirst().orElseThrow().replaceAll("\\Afor path in |; do\\z", "")
                                    .replace("'", "").split(" ")) + "\n"));
            hosts.put(address, host);
            facts.put(address, FactsParser.parse("hostname=h\narch=x86_64\npackages=haproxy keepalived etcd-server\n"));
        }
        fakes.host(LB1).put(Paths.INSTALLED_PACKAGES, "haproxy\n");
        ConnectedHosts connected = new ConnectedHosts(hosts, facts, RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        return new ClusterReset(new InterpretedRun(inventory, connected, new WaveRunner(4, Clock.systemUTC()), Duration.ofSeconds(30),
                Clock.systemUTC()));
    }

    @Test
    void aDryRunSaysEveryRemovalInOrderAndSendsOnlyReads() throws InterruptedException {
        ClusterReset reset = reset(List.of());
        ResetPlanner.Plan plan = reset.plan(true);

        List<StepRun> steps = reset.dryRun(plan, SilentListener.INSTANCE);

        assertThat(steps).extracting(step -> step.plan().step()).containsExactly(Step.WORKERS, Step.SERVERS, Step.REGISTRATION,
                Step.DATASTORE);
        assertThat(steps.get(0).reports()).hasSize(3).allSatisfy(report -> assertThat(report.outcomes())
                .allMatch(outcome -> outcome.change() == Change.REMOVED));
        assertThat(steps.get(2).reports()).filteredOn(report -> report.host().equals(LB1)).singleElement()
                .satisfies(report -> assertThat(report.outcomes()).extracting(ActionOutcome::detail).contains("purge haproxy"));
        assertThat(steps.get(3).reports()).singleElement().satisfies(report -> assertThat(report.outcomes())
                .extracting(ActionOutcome::detail).contains("stop and disable k3j-etcd"));
        assertThat(fakes.journal()).allMatch(line -> line.endsWith(": is K3s left") || line.endsWith(": is the unit there")
                || line.endsWith(": which paths are there"));
        assertThat(plan.left()).anyMatch(line -> line.startsWith("keepalived on " + LB1 + ": a package k3j-install did not install"));
    }

    @Test
    void anUnreachableHostIsNotPlannedAndTheOthersAre() throws InterruptedException {
        ClusterReset reset = reset(List.of("198.51.100.33"));

        List<StepRun> steps = reset.dryRun(reset.plan(false), SilentListener.INSTANCE);

        assertThat(steps.get(0).reports()).extracting(HostReport::host).containsExactly("198.51.100.31", "198.51.100.32");
        assertThat(steps.get(3).reports()).isEmpty();
    }
}
