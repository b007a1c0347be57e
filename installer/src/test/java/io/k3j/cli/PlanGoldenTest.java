package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden files: the whole offline plan of an example inventory, every rendered template included.
 * After an intended change, regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class PlanGoldenTest {
    static final Map<String, String> SECRETS = Map.of(
            "K3S_TOKEN", "golden-token-value", "K3S_DB_PASSWORD", "golden-db-password", "SUDO_PASSWORD", "golden-sudo");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @ParameterizedTest
    @ValueSource(strings = {"postgres-existing-lb", "mysql-haproxy", "etcd-dedicated", "etcd-cluster", "airgap", "bastion-sudo"})
    void offlinePlanMatchesItsGoldenFile(String example) throws IOException {
        CliRun run = CliRun.with(SECRETS, false, "plan", "--offline", "../inventories/" + example + ".yaml");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path golden = GOLDEN.resolve("plan-" + example + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, run.out());
        }
        assertThat(run.out()).isEqualTo(Files.readString(golden));
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres-existing-lb", "mysql-haproxy", "etcd-dedicated"})
    void noSecretEverReachesThePlan(String example) {
        for (String format : new String[] {"text", "json"}) {
            CliRun run = CliRun.with(SECRETS, false, "--output", format, "plan", "--offline", "../inventories/" + example + ".yaml");

            assertThat(run.out() + run.err()).doesNotContain("golden-token-value", "golden-db-password",
                    "placeholder-token-for-the-example");
        }
    }
}
