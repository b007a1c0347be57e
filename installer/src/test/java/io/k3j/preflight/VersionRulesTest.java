package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.facts.FactsParser;
import io.k3j.facts.HostFacts;
import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
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
        List<PreflightProblem> problems = new ArrayList<>();
        VersionRules.check(TARGET, host, problems);
        return problems;
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
    void onlyNodesAreChecked() {
        assertThat(check(host(Role.LOAD_BALANCER, "v1.29.12+k3s1"))).isEmpty();
        assertThat(check(host(Role.DATASTORE, "v1.33.0+k3s1"))).isEmpty();
    }
}
