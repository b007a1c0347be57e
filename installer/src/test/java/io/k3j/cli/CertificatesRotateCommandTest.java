package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code certificates rotate} refuses before it connects to any host (the example's hosts are documentation addresses). */
class CertificatesRotateCommandTest {
    private static final String INVENTORY = "../inventories/airgap.yaml";

    @Test
    void aServiceK3sDoesNotKnowIsAUsageError() {
        CliRun run = CliRun.of("certificates", "rotate", INVENTORY, "--service", "admin,kube-apiserver");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--service kube-apiserver: K3s knows no such service; it knows admin, api-server");
    }

    @Test
    void aHostThatIsNoServerOrWorkerIsAUsageError() {
        CliRun run = CliRun.of("certificates", "rotate", INVENTORY, "--hosts", "198.51.100.11,198.51.100.21");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--hosts 198.51.100.21: no server or worker of " + INVENTORY + " has that address or name");
    }

    @Test
    void theHelpSaysTheOrderAndTheKubeconfig() {
        CliRun run = CliRun.of("certificates", "rotate", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("servers one at a time, then agents").contains("--hosts=HOST").contains("--service=SERVICE")
                .contains("kubeconfig apply writes is written again");
    }
}
