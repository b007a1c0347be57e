package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.facts.FactsParser;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Operation;
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

class NodeLabellerTest {
    private static final String S1 = "198.51.100.11";
    private static final String W1 = "198.51.100.31";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    @Test
    void anInterruptWhileWaitingForTheNodeToRegisterEndsTheHostsWorkAsInterruptedNotAsABug() {
        fakes.host(S1).on("get node", FakeHost.command("kubectl get node 'worker-1'"), FakeHost.ok(""));
        Operation.NodeLabels wanted = new Operation.NodeLabels("worker-1", Map.of("zone", "a"), List.of(), S1);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> labeller(Wet.APPLY).converge(W1, wanted))
                    .isInstanceOf(HostWorkInterrupted.class)
                    .hasMessage("interrupted while reading node worker-1");
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt is kept for the wave to see").isTrue();
        }
    }

    private NodeLabeller labeller(Wet wet) {
        Inventory inventory = ExampleInventories.load("airgap.yaml");
        ConnectedHosts hosts = new ConnectedHosts(Map.of(S1, fakes.host(S1), W1, fakes.host(W1)),
                Map.of(W1, FactsParser.parse("hostname=worker-1\n")), RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        return new NodeLabeller(new ApplyContext(inventory, hosts, Duration.ofSeconds(30), Clock.systemUTC(),
                DatastoreProbe.OVER_THE_NETWORK, wet), SilentListener.INSTANCE);
    }
}
