package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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

    @Test
    void itsReadyTimeoutIsTheSharedOptionAndItsHelpSaysItBoundsTheUninstallScripts() {
        CliRun help = CliRun.of("reset", "--help");
        ResetCommand reset = new ResetCommand();
        new CommandLine(reset).parseArgs("cluster.yaml", "--ready-timeout=7");

        assertThat(help.out().replaceAll("\\s+", " ")).contains("--ready-timeout=SECONDS How long an uninstall script may take on a host "
                + "before failing (default: 300).").doesNotContain("become ready");
        assertThat(reset.change.readyLimit()).isEqualTo(Duration.ofSeconds(7));
        assertThat(CliRun.of("apply", "--help").out()).contains("How long to wait for software to become ready");
    }
}
