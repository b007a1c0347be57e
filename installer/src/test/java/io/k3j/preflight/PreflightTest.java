package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.facts.FactsParser;
import io.k3j.facts.HostFacts;
import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.Preflight.HostUnderCheck;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreflightTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_795_559_453L);
    private final Preflight preflight = new Preflight(NOW, K3sVersion.parse("v1.31.4+k3s1").orElseThrow(), RunningNodes.NO_CLUSTER, false);

    private static HostFacts facts(String hostname, String extraLines) {
        return FactsParser.parse("""
                hostname=%s
                arch=x86_64
                init=systemd
                systemd_state=running
                time_epoch=%d
                disk_free_kb=20000000
                listening=22
                %s
                """.formatted(hostname, NOW.getEpochSecond(), extraLines));
    }

    private static HostUnderCheck server(String host, HostFacts facts) {
        return new HostUnderCheck(host, Set.of(Role.SERVER), facts, Optional.empty());
    }

    @Test
    void healthyHostsPass() {
        assertThat(preflight.check(List.of(server("s1", facts("s1", "")), server("s2", facts("s2", ""))))).isEmpty();
    }

    @Test
    void everyProblemOfAHostIsReported() {
        HostFacts bad = FactsParser.parse("""
                hostname=old
                arch=mips
                init=sysvinit
                time_epoch=%d
                disk_free_kb=1000
                listening=22 6443
                """.formatted(NOW.getEpochSecond() + 120));

        List<PreflightProblem> problems = preflight.check(List.of(server("198.51.100.11", bad)));

        assertThat(problems).extracting(PreflightProblem::problem).containsExactlyInAnyOrder(
                "init system is 'sysvinit', not systemd",
                "architecture 'mips' has no K3s release",
                "only 0 MiB free under /var/lib",
                "clock is 120 s off this machine's",
                "port 6443 is already in use");
        assertThat(problems).allSatisfy(problem -> assertThat(problem.host()).isEqualTo("198.51.100.11"));
    }

    @Test
    void aPortHeldByOurOwnK3sIsFine() {
        HostFacts rerun = facts("s1", "listening=22 6443 10250\nk3s_server=active");

        assertThat(preflight.check(List.of(server("s1", rerun)))).isEmpty();
    }

    @Test
    void twoNodesWithTheSameNameAreRefusedUnlessTheInventoryNamesThem() {
        HostUnderCheck first = server("198.51.100.11", facts("debian", ""));
        HostUnderCheck second = server("198.51.100.12", facts("debian", ""));
        HostUnderCheck named = new HostUnderCheck("198.51.100.12", Set.of(Role.WORKER), facts("debian", ""), Optional.of("w1"));

        assertThat(preflight.check(List.of(first, second)))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.host()).isEqualTo("198.51.100.12");
                    assertThat(problem.problem()).contains("'debian'").contains("198.51.100.11");
                });
        assertThat(preflight.check(List.of(first, named))).isEmpty();
    }

    @Test
    void hostnamesThatDifferOnlyInCaseAreOneNodeName() {
        HostUnderCheck first = server("198.51.100.11", facts("Web-1", ""));
        HostUnderCheck second = server("198.51.100.12", facts("web-1", ""));

        assertThat(preflight.check(List.of(first, second))).singleElement()
                .satisfies(problem -> assertThat(problem.problem()).contains("'web-1'").contains("198.51.100.11"));
    }

    @Test
    void aHostReportingAnythingButIpAddressesFailsNamingTheHostAndTheFact() {
        HostFacts lying = facts("db1", "addresses=198.51.100.5 198.51.100.5/32%host all all 0.0.0.0/0 trust 2001:db8::5");

        List<PreflightProblem> problems = preflight.check(List.of(server("198.51.100.5", lying)));

        assertThat(problems).extracting(PreflightProblem::host).containsOnly("198.51.100.5");
        assertThat(problems).extracting(PreflightProblem::problem).containsExactly(
                "fact 'addresses' holds '198.51.100.5/32%host', which is not an IP address",
                "fact 'addresses' holds 'all', which is not an IP address",
                "fact 'addresses' holds 'all', which is not an IP address",
                "fact 'addresses' holds '0.0.0.0/0', which is not an IP address",
                "fact 'addresses' holds 'trust', which is not an IP address");
    }

    @Test
    void aPostgresqlVersionThatIsNoNumberFails() {
        List<PreflightProblem> problems = preflight.check(List.of(server("198.51.100.5", facts("db1", "postgresql_major=../../etc"))));

        assertThat(problems).extracting(PreflightProblem::problem)
                .containsExactly("fact 'postgresql_major' is '../../etc', not a PostgreSQL major version");
    }

    @Test
    void aListeningPortThatIsNoNumberIsNotACrash() {
        assertThat(facts("s1", "").listeningPorts()).containsExactly(22);
        assertThat(FactsParser.parse("listening=22 x 6443 99999999999").listeningPorts()).containsExactly(22, 6443);
    }
}
