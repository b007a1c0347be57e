package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.datastore.ProbeResult;
import io.k3j.inventory.Inventory;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeCluster;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.FakeRuns;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code certificates rotate} on the fake hosts of airgap.yaml (two servers, one worker) after an apply. */
class CertificateRotationTest {
    private static final String S1 = "198.51.100.11";
    private static final String S2 = "198.51.100.12";
    private static final String W1 = "198.51.100.31";
    private static final String LB = "198.51.100.21";
    private static final Set<String> ALL = new LinkedHashSet<>(List.of(S1, S2, W1));

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");

    @BeforeEach
    void installed() throws InterruptedException {
        FakeCluster cluster = new FakeCluster(inventory, fakes);
        new FakeRuns(fakes, temp, (endpoint, tls, via) -> ProbeResult.fine("logged in")).apply(inventory);
        cluster.reportK3sVersions();
        for (String server : List.of(S1, S2)) {
            fakes.host(server).on("rotate", FakeHost.script("certificate rotate"), sent -> FakeHost.ok("time=\"t\" level=info "
                    + "msg=\"Successfully backed up certificates to /var/lib/rancher/k3s/server/tls-1, please restart k3s server or agent "
                    + "to rotate certificates\"\n"));
        }
        fakes.clearJournal();
    }

    private List<StepRun> rotate(boolean dry, Set<String> chosen, List<String> services) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        WaveRunner runner = new WaveRunner(1, clock);
        try (ConnectedHosts hosts = ConnectedHosts.connect(inventory, fakes, RunLog.create(temp.resolve("rotate.log"), clock), runner)) {
            CertificateRotation rotation = new CertificateRotation(new InterpretedRun(inventory, hosts, runner, Duration.ofSeconds(30),
                    clock));
            return dry ? rotation.dryRun(chosen, services, SilentListener.INSTANCE) : rotation.run(chosen, services, SilentListener.INSTANCE);
        }
    }

    @Test
    void eachServerIsStoppedRotatedStartedAndServingBeforeTheNextThenTheAgentRestarts() throws InterruptedException {
        List<StepRun> steps = rotate(false, ALL, List.of());

        // Each server out of HAProxy from before its stop until it serves again.
        assertThat(fakes.journal()).filteredOn(line -> !line.endsWith("gather facts") && !line.contains(" active")).containsExactly(
                S1 + ": readyz through the registration address", LB + ": drain 198-51-100-11", LB + ": show stat",
                S1 + ": rotate", S1 + ": wait for k3s", S1 + ": get a node",
                S1 + ": readyz through the registration address", LB + ": ready 198-51-100-11",
                S2 + ": readyz through the registration address", LB + ": drain 198-51-100-12", LB + ": show stat",
                S2 + ": rotate", S2 + ": wait for k3s", S2 + ": get a node",
                S2 + ": readyz through the registration address", LB + ": ready 198-51-100-12",
                W1 + ": restart k3s-agent", W1 + ": wait for k3s-agent", S1 + ": get a node");
        assertThat(steps.get(0).plan().waves()).extracting(List::size).containsExactly(1, 1);
        assertThat(steps.stream().flatMap(step -> step.reports().stream()).flatMap(report -> report.outcomes().stream()))
                .allSatisfy(outcome -> assertThat(outcome.change()).isEqualTo(Change.CHANGED))
                .first().satisfies(outcome -> assertThat(outcome.detail())
                        .startsWith("rotated the certificates (the old ones in /var/lib/rancher/k3s/server/tls-1); node "));
    }

    @Test
    void theDryRunOnlyReadsAndServicesOfServersAloneLeaveTheAgentsAlone() throws InterruptedException {
        List<StepRun> steps = rotate(true, ALL, List.of("admin"));

        assertThat(fakes.journal()).allSatisfy(line -> assertThat(line).endsWith("gather facts"));
        assertThat(steps.get(0).changed()).isEqualTo(2);
        assertThat(steps.get(0).reports().get(0).outcomes().get(0).detail())
                .isEqualTo("stop k3s, rotate its certificates ('/usr/local/bin/k3s' certificate rotate --service 'admin'), start it: "
                        + "new certificates and keys");
        assertThat(steps.get(1).plan().waves()).isEmpty();
    }

    @Test
    void onlyTheChosenHostsAreTouched() throws InterruptedException {
        rotate(false, Set.of(S2), List.of());

        assertThat(fakes.journal()).filteredOn(line -> line.contains("rotate") || line.contains("restart")).containsExactly(S2 + ": rotate");
    }
}
