package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** reset's refusals, each before any host is contacted (the example's hosts are documentation addresses, never reached). */
class ResetCommandTest {
    private static final String INVENTORY = "../inventories/mysql-haproxy.yaml";

    @Test
    void withoutYesInCiItStopsWithExitTwoBeforeConnecting() {
        CliRun run = CliRun.with(Map.of("CI", "true"), true, "reset", INVENTORY);

        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("reset removes staging from its hosts, and nobody is at a terminal to confirm it: pass --yes; "
                + "no host was touched");
        assertThat(run.all()).doesNotContain("connected to");
    }

    @Test
    void theHelpSaysTheOrderWhatStaysAndThePartialExitCode() {
        CliRun run = CliRun.of("reset", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().replaceAll("\\s+", " ")).contains("k3s-agent-uninstall.sh on the workers, then k3s-uninstall.sh on the servers",
                "Packages are purged only where k3j-install installed them", "--datastore",
                "PostgreSQL or MariaDB: the database and user the inventory names", "--dry-run", "exit 6 (partial)");
    }
}
