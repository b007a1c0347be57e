package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.datastore.ProbeResult;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The checks of airgap.yaml (two servers, HAProxy at 198.51.100.20) on fake servers: what each reads and sends. */
class ClusterChecksTest {
    private static final String S1 = "198.51.100.11";
    private static final String S2 = "198.51.100.12";
    private static final String CA_HASH = "0123456789abcdef".repeat(4);
    private static final String AGENTS_TOKEN = "K10" + CA_HASH + "::node:ffeeddccbbaa99887766554433221100";
    private static final Operation.AgentToken AGENT_TOKEN = new Operation.AgentToken(Paths.AGENT_TOKEN, "ffeeddccbbaa99887766554433221100");
    private static final Operation.RegistrationAnswers REGISTRATION = new Operation.RegistrationAnswers("https://198.51.100.20:6443", 6443, S1);

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final FakeHost first = fakes.host(S1);
    private ClusterChecks checks;

    @BeforeEach
    void connect() {
        checks = checksWith(DatastoreProbe.OVER_THE_NETWORK);
    }

    private ClusterChecks checksWith(DatastoreProbe probe) {
        return checksWith(probe, Wet.APPLY);
    }

    private ClusterChecks checksWith(DatastoreProbe probe, Wet wet) {
        ConnectedHosts hosts = new ConnectedHosts(Map.of(S1, first, S2, fakes.host(S2)), Map.of(),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        ApplyContext made = new ApplyContext(ExampleInventories.load("airgap.yaml"), hosts, Duration.ofSeconds(30),
                Clock.systemUTC(), probe, wet);
        return new ClusterChecks(made);
    }

    @Test
    void theAgentsTokenIsReadFromTheFirstServersAgentTokenFileWithoutACommand() {
        first.put(Paths.AGENT_TOKEN, AGENTS_TOKEN + "\n");

        HostApplier.Result read = checks.run(AGENT_TOKEN, S1);

        assertThat(read.detail()).startsWith("read the agents' token");
        assertThat(read.read()).hasValue(AGENTS_TOKEN);
        assertThat(first.sent()).isEmpty();
    }

    @Test
    void aDryRunChecksNothingButReadsTheAgentsTokenWhenItIsForTheAgentTokenTheServerIsGiven() {
        ClusterChecks dry = checksWith((endpoint, tls, via) -> {
            throw new AssertionError("a dry run logs in nowhere");
        }, Wet.DRY_RUN);

        assertThat(dry.run(AGENT_TOKEN, S1)).isEqualTo(new HostApplier.Result(Change.TO_CHECK, "", Optional.empty(), Optional.empty()));
        first.put(Paths.AGENT_TOKEN, AGENTS_TOKEN + "\n");
        assertThat(dry.run(AGENT_TOKEN, S1).read()).hasValue(AGENTS_TOKEN);
        first.put(Paths.AGENT_TOKEN, "K10" + CA_HASH + "::node:00000000000000000000000000000000\n");
        assertThat(dry.run(AGENT_TOKEN, S1).read()).isEmpty();
        for (Operation.Check check : List.of(REGISTRATION, new Operation.ResolvesTo("198.51.100.20", List.of(S1, S2), S1),
                new Operation.DatastoreLogin("postgres://k3s:pw@198.51.100.5:5432/k3s", Optional.empty()))) {
            assertThat(dry.run(check, S2).change()).isEqualTo(Change.TO_CHECK);
        }
        assertThat(fakes.journal()).isEmpty();
    }

    @Test
    void theServerTokenInTheAgentTokenFileIsRefusedAndNeverGivenToAgents() {
        first.put(Paths.AGENT_TOKEN, "K10" + CA_HASH + "::server:00112233445566778899aabbccddeeff\n");

        assertThatThrownBy(() -> checks.run(AGENT_TOKEN, S1)).isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage(Paths.AGENT_TOKEN + " holds the server token: k3s runs without the agent-token of " + Paths.K3S_CONFIG);
    }

    @Test
    void aMissingOrMalformedAgentTokenFileSaysWhichAndKeepsNoToken() {
        assertThatThrownBy(() -> checks.run(AGENT_TOKEN, S1)).isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage(Paths.AGENT_TOKEN + " is missing although k3s is running");
        first.put(Paths.AGENT_TOKEN, "node:secret\n");
        assertThatThrownBy(() -> checks.run(AGENT_TOKEN, S1)).isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessageStartingWith(Paths.AGENT_TOKEN + " does not hold a K3s token");
    }

    @Test
    void anAgentsTokenForAnotherAgentTokenThanTheServerWasGivenIsRefused() {
        first.put(Paths.AGENT_TOKEN, "K10" + CA_HASH + "::node:00000000000000000000000000000000\n");

        assertThatThrownBy(() -> checks.run(AGENT_TOKEN, S1)).isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage(Paths.AGENT_TOKEN + " holds another agent token than agent-token in " + Paths.K3S_CONFIG);
    }

    @Test
    void theDatastoreIsLoggedIntoThroughTheServersTunnelAndItsRefusalSaysWhatToDo() {
        List<String> probed = new ArrayList<>();
        ClusterChecks on = checksWith((endpoint, tls, via) -> {
            probed.add(endpoint.database() + " via " + via.getHostString());
            return ProbeResult.problem("login refused for user k3s", "check the password");
        });

        assertThatThrownBy(() -> on.run(new Operation.DatastoreLogin("postgres://k3s:pw@198.51.100.5:5432/k3s", Optional.empty()), S2)).isInstanceOfSatisfying(ClusterChecks.CheckFailed.class,
                failed -> assertThat(failed.fix()).isEqualTo("check the password")).hasMessage("login refused for user k3s");
        assertThat(probed).containsExactly("k3s via 127.0.0.1");
        assertThat(fakes.journal()).containsExactly(S2 + ": tunnel to 198.51.100.5:5432");
    }

    @Test
    void theRegistrationAddressIsCheckedFromTheFirstServerAgainstItsOwnCa() {
        first.on("compare the registration address's CA", FakeHost.script("curl -fsSk --max-time 5 'https://127.0.0.1:6443/cacerts'"
                + "(.|\n)*'https://198.51.100.20:6443/ping'"), FakeHost.ok());

        assertThat(checks.run(REGISTRATION, S1).detail()).isEqualTo("https://198.51.100.20:6443 answers as this cluster's K3s");
        assertThat(fakes.journal()).containsExactly(S1 + ": compare the registration address's CA");
    }

    @Test
    void aFirstServerWithoutItsCaIsToldApartFromAnAddressThatDoesNotAnswer() {
        first.on("compare the registration address's CA", FakeHost.script("/cacerts"), FakeHost.exit(3, ""));
        assertThatThrownBy(() -> checks.run(REGISTRATION, S1))
                .hasMessage("the first server does not serve /cacerts on https://127.0.0.1:6443");

        first.on("compare the registration address's CA", FakeHost.script("/cacerts"), FakeHost.exit(124, ""));
        assertThatThrownBy(() -> checks.run(REGISTRATION, S1))
                .hasMessageStartingWith("https://198.51.100.20:6443 did not answer as this cluster's K3s");
    }

    @Test
    void aRegistrationNameWithoutEveryServerNamesTheServersItLacks() {
        first.on("resolve the registration address", FakeHost.script("\\Agetent ahosts '198.51.100.20' "), FakeHost.ok(S1 + "\n"));

        assertThatThrownBy(() -> checks.run(new Operation.ResolvesTo("198.51.100.20", List.of(S1, S2), S1), S1)).isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("198.51.100.20 resolves to " + S1 + " from " + S1 + ", without " + S2);
    }
}
