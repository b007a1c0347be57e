package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.facts.FactsParser;
import io.k3j.facts.HostFacts;
import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
import io.k3j.preflight.RunningNodes.RunningNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VersionRulesTest {
    private static final K3sVersion TARGET = K3sVersion.parse("v1.32.1+k3s1").orElseThrow();

    private static HostUnderCheck host(Role role, String installed) {
        HostFacts facts = FactsParser.parse("hostname=h\narch=x86_64\ninit=systemd\nk3s_version=" + installed + "\n");
        return new HostUnderCheck("198.51.100.21", Set.of(role), facts, Optional.empty());
    }

    private static List<PreflightProblem> check(HostUnderCheck host) {
        return check(host, RunningNodes.NO_CLUSTER, false);
    }

    private static List<PreflightProblem> check(HostUnderCheck host, RunningNodes running, boolean allowPatchDowngrade) {
        List<PreflightProblem> problems = new ArrayList<>();
        new VersionRules(new UpgradeRequest(TARGET, running, allowPatchDowngrade)).check(host, problems);
        return problems;
    }

    /** The cluster as the API reports it: host h's node (named h, as its hostname) running {@code version}. */
    private static RunningNodes nodeRuns(String version) {
        return new RunningNodes(List.of(new RunningNode("h", true, version)), Optional.empty());
    }

    @Test
    void noK3sYetTheSameReleaseANewerPatchAndTheNextMinorPass() {
        assertThat(check(host(Role.SERVER, ""))).isEmpty();
        assertThat(check(host(Role.SERVER, "v1.32.1+k3s1"))).isEmpty();
        assertThat(check(host(Role.WORKER, "v1.32.0+k3s1"))).isEmpty();
        assertThat(check(host(Role.WORKER, "v1.31.4+k3s1"))).isEmpty();
        assertThat(check(host(Role.SERVER, "v1.32.1-rc1+k3s1"))).isEmpty();
    }

    @Test
    void aDowngradeIsRefusedNamingBothVersionsAndTheWayBack() {
        List<PreflightProblem> problems = check(host(Role.SERVER, "v1.32.1+k3s2"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.host()).isEqualTo("198.51.100.21");
            assertThat(problem.problem()).isEqualTo("K3s v1.32.1+k3s2 is installed; the inventory asks for the older v1.32.1+k3s1");
            assertThat(problem.fix()).contains("upgrades/roll-back").contains("set k3s.version to v1.32.1+k3s2 or newer");
        });
    }

    @Test
    void aSkippedMinorIsRefusedNamingWhatIsSkippedAndTheNextStep() {
        List<PreflightProblem> problems = check(host(Role.WORKER, "v1.29.12+k3s1"));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.problem()).isEqualTo("K3s v1.29.12+k3s1 is installed; going to v1.32.1+k3s1 skips v1.30, v1.31");
            assertThat(problem.fix()).contains("one minor version at a time").contains("set k3s.version to a v1.30 release");
        });
    }

    @Test
    void anotherMajorVersionIsRefused() {
        assertThat(check(host(Role.SERVER, "v0.32.1+k3s1"))).extracting(PreflightProblem::problem)
                .containsExactly("K3s v0.32.1+k3s1 is installed; v1.32.1+k3s1 is another major version");
    }

    @Test
    void aVersionThatIsNotAReleaseIsReported() {
        assertThat(check(host(Role.SERVER, "v1.32-dev"))).extracting(PreflightProblem::problem)
                .containsExactly("/usr/local/bin/k3s reports version 'v1.32-dev', not a K3s release version");
    }

    @Test
    void aPatchDowngradeWithinTheMinorIsAllowedOnlyWithTheFlagAndTheFlagSaysSo() {
        HostUnderCheck host = host(Role.SERVER, "v1.32.3+k3s1");

        assertThat(check(host)).singleElement().satisfies(problem ->
                assertThat(problem.fix()).contains("both are v1.32 releases").contains("--allow-patch-downgrade"));
        assertThat(check(host, RunningNodes.NO_CLUSTER, true)).isEmpty();
    }

    @Test
    void theFlagDoesNotAllowGoingBackAMinorVersion() {
        List<PreflightProblem> problems = check(host(Role.SERVER, "v1.33.0+k3s1"), RunningNodes.NO_CLUSTER, true);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.problem()).isEqualTo("K3s v1.33.0+k3s1 is installed; the inventory asks for the older v1.32.1+k3s1");
            assertThat(problem.fix()).doesNotContain("--allow-patch-downgrade");
        });
    }

    @Test
    void aNodeStillRunningAnOlderVersionThanItsNewBinaryIsJudgedByTheOlderAndNamedAsNotRestarted() {
        List<PreflightProblem> problems = check(host(Role.WORKER, "v1.31.4+k3s1"), nodeRuns("v1.30.8+k3s1"), false);

        assertThat(problems).extracting(PreflightProblem::problem).containsExactly("node h runs K3s v1.30.8+k3s1 (its binary is "
                + "v1.31.4+k3s1: K3s has not restarted since the binary was replaced); going to v1.32.1+k3s1 skips v1.31");
    }

    @Test
    void aBinaryPutBackByHandWhileTheNodeRunsNewerIsADowngradeOfTheNode() {
        List<PreflightProblem> problems = check(host(Role.SERVER, "v1.32.1+k3s1"), nodeRuns("v1.33.0+k3s1"), false);

        assertThat(problems).extracting(PreflightProblem::problem).containsExactly("node h runs K3s v1.33.0+k3s1 (its binary is "
                + "v1.32.1+k3s1: K3s has not restarted since the binary was replaced); the inventory asks for the older v1.32.1+k3s1");
    }

    @Test
    void aNodeWhoseBinaryIsGoneIsJudgedByWhatItRuns() {
        assertThat(check(host(Role.SERVER, ""), nodeRuns("v1.30.8+k3s1"), false)).extracting(PreflightProblem::problem)
                .containsExactly("node h runs K3s v1.30.8+k3s1; going to v1.32.1+k3s1 skips v1.31");
        assertThat(check(host(Role.SERVER, ""), nodeRuns("v1.31.4+k3s1"), false)).isEmpty();
    }

    @Test
    void aKubeletVersionThatIsNotAReleaseIsReported() {
        assertThat(check(host(Role.SERVER, "v1.32.1+k3s1"), nodeRuns("v1.32.1"), false)).extracting(PreflightProblem::problem)
                .containsExactly("node h reports kubelet version 'v1.32.1', not a K3s release version");
    }

    @Test
    void onlyNodesAreChecked() {
        assertThat(check(host(Role.LOAD_BALANCER, "v1.29.12+k3s1"))).isEmpty();
        assertThat(check(host(Role.DATASTORE, "v1.33.0+k3s1"))).isEmpty();
    }
}
