package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.facts.FactsParser;
import io.k3j.facts.HostFacts;
import io.k3j.plan.Action;
import io.k3j.plan.HostPlan;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.plan.Step;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The server token moved to the inventory's on a running server: decided from the host's token file, rotated as K3s' CLI does. */
class TokenRotationTest {
    private static final String SERVER = "198.51.100.11";
    private static final String HASH = "ab".repeat(32);
    private static final String OLD = "0123456789abcdef0123456789abcdef";
    private static final String NEW = "new \"token\" with \\ and ' in it";
    private static final Action ROTATE = Action.rotate("keep the server token", new Operation.RotateServerToken(Paths.SERVER_TOKEN, NEW));

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final FakeHost host = fakes.host(SERVER);

    private List<ActionOutcome> run(Wet wet, String k3sVersion) {
        HostFacts facts = FactsParser.parse("hostname=server1\narch=x86_64\nk3s_version=" + k3sVersion + "\n");
        ConnectedHosts hosts = new ConnectedHosts(Map.of(SERVER, host), Map.of(SERVER, facts),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        ApplyContext context = new ApplyContext(ExampleInventories.load("airgap.yaml"), hosts, Duration.ofSeconds(5),
                Clock.systemUTC(), DatastoreProbe.OVER_THE_NETWORK, wet);
        return new HostApplier(context, SilentListener.INSTANCE).apply(Step.SERVERS, new HostPlan(SERVER, "first server", List.of(ROTATE)))
                .outcomes();
    }

    @Test
    void aTokenFileWithTheInventorysPasswordOrNoneAtAllNeedsNoRotation() {
        Operation.RotateServerToken rotation = new Operation.RotateServerToken(Paths.SERVER_TOKEN, OLD);

        assertThat(rotation.needed(Optional.of("K10" + HASH + "::server:" + OLD + "\n"))).isFalse();
        assertThat(rotation.needed(Optional.of(OLD))).isFalse();
        assertThat(rotation.needed(Optional.empty())).isFalse();
        assertThat(rotation.needed(Optional.of("K10" + HASH + "::server:" + NEW))).isTrue();
    }

    @Test
    void aDryRunSaysTheRotationAndSendsNothing() {
        host.put(Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + OLD + "\n");

        assertThat(run(Wet.DRY_RUN, "v1.31.4+k3s1")).singleElement().satisfies(outcome -> {
            assertThat(outcome.change()).isEqualTo(Change.CHANGED);
            assertThat(outcome.detail()).startsWith("rotate the server token to the inventory's");
        });
        assertThat(host.sent()).isEmpty();
    }

    @Test
    void theRotationPutsBothTokensOnCurlsStandardInputOnlyAndWaitsForK3sToWriteTheNewOne() {
        host.put(Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + OLD + "\n");
        host.on("rotate", FakeHost.command("\\Acurl .*--config -\\z"), sent -> {
            host.put(Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + NEW + "\n");
            return FakeHost.ok("\n200");
        });

        assertThat(run(Wet.APPLY, "v1.31.4+k3s1")).singleElement().extracting(ActionOutcome::change).isEqualTo(Change.CHANGED);
        FakeHost.Sent put = host.sent().get(0);
        assertThat(put.command()).doesNotContain(OLD, "new", "token\"").contains("-X PUT", "server-ca.crt");
        assertThat(put.stdin()).isEqualTo(TokenRotator.curlConfig(OLD, NEW));
        assertThat(put.idempotent()).isFalse();
    }

    @Test
    void curlsConfigCarriesTheRequestWithEachValueQuotedForCurlAndTheBodyForJson() {
        assertThat(TokenRotator.curlConfig(OLD, NEW)).isEqualTo("""
                url = "https://127.0.0.1:6443/v1-k3s/token"
                user = "server:%s"
                data = "{\\"newToken\\":\\"new \\\\\\"token\\\\\\" with \\\\\\\\ and ' in it\\"}"
                """.formatted(OLD));
    }

    @Test
    void aRefusalOfTheSupervisorIsNamedWithItsAnswerAndNoTokenInIt() {
        host.put(Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + OLD + "\n");
        host.on("rotate", FakeHost.command("\\Acurl "), FakeHost.ok("{\"message\":\"not authorized " + OLD + "\"}\n401"));

        assertThatThrownBy(() -> run(Wet.APPLY, "v1.31.4+k3s1")).isInstanceOf(StepFailure.class)
                .hasMessageContaining("did not rotate the token").hasMessageContaining("HTTP 401").hasMessageNotContaining(OLD);
    }

    @Test
    void aK3sWithoutTokenRotateIsRefusedNamingItsVersionBeforeAnythingIsSent() {
        host.put(Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + OLD + "\n");

        assertThatThrownBy(() -> run(Wet.APPLY, "v1.27.6+k3s1")).isInstanceOf(StepFailure.class)
                .hasMessageContaining("K3s v1.27.6+k3s1 here cannot rotate its token");
        assertThat(host.sent()).isEmpty();
    }
}
