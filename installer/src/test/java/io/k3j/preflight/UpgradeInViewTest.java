package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.facts.FactsParser;
import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
import io.k3j.preflight.RunningNodes.RunningNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpgradeInViewTest {
    private static final K3sVersion TARGET = K3sVersion.parse("v1.32.0+k3s1").orElseThrow();

    private static HostUnderCheck host(String address, String hostname, Role role, String binary) {
        return new HostUnderCheck(address, Set.of(role), FactsParser.parse("hostname=" + hostname + "\nk3s_version=" + binary + "\n"),
                Optional.empty());
    }

    @Test
    void nodesWithAnotherVersionMoveAndNewNodesAndOtherHostsDoNot() {
        List<HostUnderCheck> hosts = List.of(host("198.51.100.11", "s1", Role.SERVER, "v1.31.4+k3s1"),
                host("198.51.100.12", "s2", Role.SERVER, "v1.32.0+k3s1"), host("198.51.100.21", "w1", Role.WORKER, ""),
                host("198.51.100.31", "db", Role.DATASTORE, "v1.31.4+k3s1"));

        assertThat(UpgradeInView.moves(TARGET, hosts, RunningNodes.NO_CLUSTER)).containsExactly("198.51.100.11 (v1.31.4+k3s1 -> v1.32.0+k3s1)");
    }

    @Test
    void aNodeNotRestartedOnItsNewBinaryStillMoves() {
        RunningNodes running = new RunningNodes(List.of(new RunningNode("s2", true, "v1.31.4+k3s1")), Optional.empty());

        assertThat(UpgradeInView.moves(TARGET, List.of(host("198.51.100.12", "s2", Role.SERVER, "v1.32.0+k3s1")), running))
                .containsExactly("198.51.100.12 (v1.31.4+k3s1 -> v1.32.0+k3s1)");
    }
}
