package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.facts.FactsScript;
import io.k3j.inventory.Inventory;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RunLog;
import io.k3j.ssh.SshException;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every host of airgap.yaml connected through the connector and its facts read, or every host that failed listed. */
class ConnectedHostsTest {
    private static final String UNREACHABLE = "198.51.100.12";
    private static final String NO_FACTS = "198.51.100.21";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");

    @Test
    void eachHostIsConnectedOnceWithItsFactsRead() throws InterruptedException {
        inventory.allHosts().forEach(roled -> answerFacts(roled.host().address(), FakeHost.ok("hostname=h\narch=x86_64\n")));

        try (ConnectedHosts hosts = connect(fakes)) {
            assertThat(hosts.allFacts()).containsOnlyKeys("198.51.100.5", "198.51.100.11", UNREACHABLE, NO_FACTS, "198.51.100.31");
            assertThat(hosts.facts("198.51.100.31").k3sArch()).hasValue("amd64");
            assertThat(hosts.host("198.51.100.11")).isSameAs(fakes.host("198.51.100.11"));
        }
    }

    @Test
    void everyHostThatCannotBeReachedOrReadIsListedAndEveryConnectionClosed() {
        inventory.allHosts().forEach(roled -> answerFacts(roled.host().address(), FakeHost.ok("hostname=h\n")));
        answerFacts(NO_FACTS, FakeHost.exit(127, "sh: not found"));
        HostConnector connector = host -> {
            if (host.address().equals(UNREACHABLE)) {
                throw new SshException(UNREACHABLE + ": connection refused");
            }
            return fakes.connect(host);
        };

        assertThatThrownBy(() -> connect(connector)).isInstanceOfSatisfying(UnreachableHostsException.class,
                e -> assertThat(e.problems()).containsExactlyInAnyOrder(UNREACHABLE + ": connection refused",
                        NO_FACTS + ": cannot read the host's facts (exit 127): sh: not found"));
        inventory.allHosts().stream().map(roled -> roled.host().address()).filter(address -> !address.equals(UNREACHABLE))
                .forEach(address -> assertThat(fakes.host(address).closed()).as(address + " closed").isTrue());
    }

    private void answerFacts(String address, ExecResult result) {
        fakes.host(address).on("gather facts", sent -> sent.stdin().equals(FactsScript.text()), result);
    }

    private ConnectedHosts connect(HostConnector connector) throws InterruptedException {
        return ConnectedHosts.connect(inventory, connector, RunLog.create(temp.resolve("run.log"), Clock.systemUTC()),
                new WaveRunner(4, Clock.systemUTC()));
    }
}
