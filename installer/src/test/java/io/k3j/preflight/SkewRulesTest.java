package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.facts.FactsParser;
import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
import io.k3j.preflight.RunningNodes.RunningNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Cluster states against a target: the inventory's nodes (server1, server2, agent1; their binaries
 * and what their nodes run) and nodes the cluster has beyond them ("foreign").
 */
class SkewRulesTest {
    private static final String V130 = "v1.30.8+k3s1";
    private static final String V131 = "v1.31.4+k3s1";
    private static final String V131_PATCH = "v1.31.5+k3s1";
    private static final String V132 = "v1.32.0+k3s1";
    private static final String V127 = "v1.27.16+k3s1";
    private static final String V128 = "v1.28.15+k3s1";

    /** An inventory node: its host name (also its node name), role and binary version ("" for none). */
    private static HostUnderCheck host(String name, Role role, String binary) {
        return new HostUnderCheck("198.51.100." + (10 + name.length() + name.charAt(name.length() - 1) % 10), Set.of(role),
                FactsParser.parse("hostname=" + name + "\narch=x86_64\ninit=systemd\nk3s_version=" + binary + "\n"), Optional.empty());
    }

    private static RunningNode server(String name, String version) {
        return new RunningNode(name, true, version);
    }

    private static RunningNode agent(String name, String version) {
        return new RunningNode(name, false, version);
    }

    private static List<String> check(String target, List<HostUnderCheck> hosts, boolean allowPatchDowngrade, RunningNode... nodes) {
        List<PreflightProblem> problems = new ArrayList<>();
        new SkewRules(new UpgradeRequest(K3sVersion.parse(target).orElseThrow(),
                new RunningNodes(Arrays.asList(nodes), Optional.empty()), allowPatchDowngrade))
                .check(hosts, problems);
        return problems.stream().map(PreflightProblem::problem).toList();
    }

    /** The inventory's two servers and one agent, each with {@code binary}. */
    private static List<HostUnderCheck> inventoryAt(String binary) {
        return List.of(host("server1", Role.SERVER, binary), host("server2", Role.SERVER, binary), host("agent1", Role.WORKER, binary));
    }

    private static RunningNode[] inventoryNodesAt(String version, RunningNode... more) {
        return Stream.concat(Stream.of(server("server1", version), server("server2", version), agent("agent1", version)),
                Stream.of(more)).toArray(RunningNode[]::new);
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of("a fresh install: no binary, no cluster", V131, inventoryAt(""), new RunningNode[0]),
                Arguments.of("an upgrade of a cluster the inventory names whole", V132, inventoryAt(V131), inventoryNodesAt(V131)),
                Arguments.of("half upgraded: server1 moved by an earlier run, the others not yet", V132,
                        inventoryAt(V131), new RunningNode[] {server("server1", V132), server("server2", V131), agent("agent1", V131)}),
                Arguments.of("an agent moved past the servers by hand: the run moves the servers up, which mends it", V132,
                        inventoryAt(V131), new RunningNode[] {server("server1", V131), server("server2", V131), agent("agent1", V132)}),
                Arguments.of("a foreign server already on the target", V132, inventoryAt(V131), inventoryNodesAt(V131, server("extra", V132))),
                Arguments.of("a foreign agent one minor behind the target", V132, inventoryAt(V131), inventoryNodesAt(V131, agent("extra", V131))),
                Arguments.of("a foreign agent three minors behind the target", V131, inventoryAt(V130), inventoryNodesAt(V130, agent("extra", V128))),
                Arguments.of("nothing moves: a foreign server on another version is left as it is", V131, inventoryAt(V131),
                        inventoryNodesAt(V131, server("extra", V130))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowed(String state, String target, List<HostUnderCheck> hosts, RunningNode[] nodes) {
        assertThat(check(target, hosts, false, nodes)).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a foreign server left behind: the agents would pass it", V132, inventoryNodesAt(V131, server("extra", V131)),
                        "node extra, a server the inventory does not name, runs K3s v1.31.4+k3s1: the servers would not end on "
                                + "v1.32.0+k3s1 before the agents move to it (docs.k3s.io upgrades/manual: servers first, then agents; "
                                + "kubernetes.io version-skew-policy)"),
                Arguments.of("a foreign server ahead: the servers would end on two versions", V131_PATCH,
                        inventoryNodesAt(V131, server("extra", V132)), "node extra, a server the inventory does not name, runs K3s "
                                + "v1.32.0+k3s1: the servers would not end on v1.31.5+k3s1 before the agents move to it (docs.k3s.io "
                                + "upgrades/manual: servers first, then agents; kubernetes.io version-skew-policy)"),
                Arguments.of("a foreign agent a minor ahead of the target", V131_PATCH, inventoryNodesAt(V131, agent("extra", V132)),
                        "node extra, an agent the inventory does not name, runs K3s v1.32.0+k3s1, newer than the servers' "
                                + "v1.31.5+k3s1: the kubelet must not be newer than kube-apiserver (kubernetes.io version-skew-policy)"),
                Arguments.of("a foreign agent four minors behind", V131, inventoryNodesAt(V130, agent("extra", V127)),
                        "node extra, an agent the inventory does not name, runs K3s v1.27.16+k3s1, more than 3 minor versions "
                                + "behind the servers' v1.31.4+k3s1 (kubernetes.io version-skew-policy)"),
                Arguments.of("a foreign node whose kubelet version is no release", V132, inventoryNodesAt(V131, agent("extra", "v1.31.4")),
                        "node extra, an agent the inventory does not name, reports kubelet version 'v1.31.4', not a K3s release version"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refused(String state, String target, RunningNode[] nodes, String problem) {
        assertThat(check(target, inventoryAt(V131), false, nodes)).containsExactly(problem);
    }

    @Test
    void aForeignAgentAPatchAheadIsAllowedOnlyWithTheFlagAndAMinorAheadNeverIs() {
        List<HostUnderCheck> hosts = inventoryAt(V131);
        RunningNode[] patchAhead = inventoryNodesAt(V131, agent("extra", "v1.31.6+k3s1"));

        assertThat(check(V131_PATCH, hosts, false, patchAhead)).singleElement().asString().contains("newer than the servers'");
        assertThat(check(V131_PATCH, hosts, true, patchAhead)).isEmpty();
        assertThat(check(V131_PATCH, hosts, true, inventoryNodesAt(V131, agent("extra", V132)))).hasSize(1);
    }

    @Test
    void aRestartPendingOnANodeOfTheInventoryIsAMoveToo() {
        // Every binary is the target already, but server1's node still runs the old version.
        RunningNode[] nodes = {server("server1", V131), server("server2", V132), agent("agent1", V132), server("extra", V131)};

        assertThat(check(V132, inventoryAt(V132), false, nodes)).singleElement().asString().startsWith("node extra, a server");
    }

    @Test
    void nodesThatCannotBeReadStopAMoveButNotARunThatMovesNothing() {
        RunningNodes unreadable = RunningNodes.unreadable("k3s kubectl get nodes failed on 198.51.100.11 (exit 1): connection refused");
        List<PreflightProblem> moving = new ArrayList<>();
        List<PreflightProblem> still = new ArrayList<>();

        new SkewRules(new UpgradeRequest(K3sVersion.parse(V132).orElseThrow(), unreadable, false)).check(inventoryAt(V131), moving);
        new SkewRules(new UpgradeRequest(K3sVersion.parse(V131).orElseThrow(), unreadable, false)).check(inventoryAt(V131), still);

        assertThat(moving).singleElement().satisfies(problem -> {
            assertThat(problem.problem()).isEqualTo("cannot read the versions the nodes run: k3s kubectl get nodes failed on "
                    + "198.51.100.11 (exit 1): connection refused");
            assertThat(problem.fix()).contains("k3s kubectl get nodes");
        });
        assertThat(still).isEmpty();
    }
}
