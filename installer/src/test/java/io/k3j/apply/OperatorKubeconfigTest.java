package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.facts.FactsScript;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Paths;
import io.k3j.plan.Step;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The first server's kubeconfig, read after the steps: a file missing or half written there is that server's step failure. */
class OperatorKubeconfigTest {
    private static final String FIRST_SERVER = "198.51.100.11";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");

    private ConnectedHosts connect() throws InterruptedException {
        inventory.allHosts().forEach(roled -> fakes.host(roled.host().address())
                .on("gather facts", sent -> sent.stdin().equals(FactsScript.text()), FakeHost.ok("hostname=h\n")));
        return ConnectedHosts.connect(inventory, fakes, RunLog.create(temp.resolve("run.log"), Clock.systemUTC()),
                new WaveRunner(4, Clock.systemUTC()));
    }

    @Test
    void aKubeconfigHalfWrittenByARestartingK3sIsTheFirstServersStepFailureNotABug() throws InterruptedException {
        fakes.host(FIRST_SERVER).put(Paths.KUBECONFIG, "apiVersion: v1\nclusters:\n");

        try (ConnectedHosts hosts = connect()) {
            assertThatThrownBy(() -> OperatorKubeconfig.read(inventory, hosts)).isInstanceOfSatisfying(StepFailure.class, failure -> {
                assertThat(failure.host()).isEqualTo(FIRST_SERVER);
                assertThat(failure.step()).isEqualTo(Step.SERVERS);
                assertThat(failure.describe()).startsWith(FIRST_SERVER + ": step 2. Servers: read /etc/rancher/k3s/k3s.yaml: "
                        + "K3s' kubeconfig there does not read as one: ").contains("journalctl -u k3s");
            });
        }
    }

    @Test
    void aMissingKubeconfigSaysWhatToRun() throws InterruptedException {
        try (ConnectedHosts hosts = connect()) {
            assertThatThrownBy(() -> OperatorKubeconfig.read(inventory, hosts)).isInstanceOfSatisfying(StepFailure.class,
                    failure -> assertThat(failure.describe()).contains("the file does not exist").contains("k3j-install apply"));
        }
    }
}
