package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.datastore.ProbeResult;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.plan.Paths;
import io.k3j.ssh.RunLog;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.ExampleInventories;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole apply of airgap.yaml (a provisioned PostgreSQL, two servers, HAProxy, one worker) on
 * fake hosts: the waves in order, and a second apply on what the first left that changes nothing.
 */
class ClusterApplyTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String DB = "198.51.100.5";
    private static final String S1 = "198.51.100.11";
    private static final String S2 = "198.51.100.12";
    private static final String LB = "198.51.100.21";
    private static final String W1 = "198.51.100.31";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");
    private final List<String> logins = new CopyOnWriteArrayList<>();

    @Test
    void theWavesRunInOrderAndASecondApplyOnWhatTheFirstLeftSendsNothingThatChanges() throws InterruptedException {
        new FakeCluster(inventory, fakes);

        ClusterApply.Result first = apply();

        assertThat(fakes.journal()).filteredOn(ClusterApplyTest::marksAWave).containsExactly(
                DB + ": restart postgresql", DB + ": set up the role and database",
                S1 + ": tunnel to " + DB + ":5432", S2 + ": tunnel to " + DB + ":5432",
                S1 + ": restart k3s", S2 + ": restart k3s",
                LB + ": restart haproxy", S1 + ": check the registration address",
                W1 + ": restart k3s-agent", S1 + ": get nodes",
                S1 + ": get nodes");
        assertThat(logins).containsExactly(DB + ":5432", DB + ":5432");
        assertThat(first.nodes()).hasSize(3);
        String serverPassword = fakes.host(S1).file(Paths.SERVER_TOKEN).orElseThrow().text().split("::server:")[1].strip();
        assertThat(fakes.host(W1).file(Paths.K3S_CONFIG).orElseThrow().text()).contains("::node:").doesNotContain(serverPassword);

        fakes.clearJournal();
        ClusterApply.Result second = apply();

        assertThat(second.changed()).isZero();
        assertThat(fakes.journal()).containsExactly(
                DB + ": gather facts", S1 + ": gather facts", S2 + ": gather facts", LB + ": gather facts", W1 + ": gather facts",
                DB + ": is postgresql active",
                S1 + ": tunnel to " + DB + ":5432", S2 + ": tunnel to " + DB + ":5432",
                S1 + ": is k3s active", S2 + ": is k3s active",
                LB + ": is haproxy active", S1 + ": check the registration address",
                W1 + ": is k3s-agent active",
                S1 + ": get nodes");
    }

    /** What starts or checks something: the files written between them are left to the plan's own tests. */
    private static boolean marksAWave(String line) {
        return !line.contains(": write ") && !line.contains(": gather facts") && !line.contains(": install packages")
                && !line.contains(" active") && !line.contains(": wait for ");
    }

    /** Connected and applied as ApplyCommand does, one host at a time: the journal's order is then the waves' order. */
    private ClusterApply.Result apply() throws InterruptedException {
        RunLog log = RunLog.create(temp.resolve("run.log"), CLOCK);
        WaveRunner runner = new WaveRunner(1, CLOCK);
        try (ConnectedHosts hosts = ConnectedHosts.connect(inventory, fakes, log, runner)) {
            ClusterApply apply = new ClusterApply(inventory, new InventoryLoader(name -> null).secrets(inventory), hosts, runner,
                    Duration.ofSeconds(30), CLOCK, (endpoint, tls, via) -> {
                        logins.add(endpoint.servers().get(0).host() + ":" + endpoint.servers().get(0).port());
                        return ProbeResult.fine("logged in");
                    });
            return apply.run(apply.values(), SilentListener.INSTANCE);
        }
    }
}
