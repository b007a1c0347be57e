package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.ManagedHosts;
import io.k3j.plan.Removal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether apply may remove the hosts taken out of the inventory: --prune, else exit 2 off a terminal; unreachable ones only with --force. */
class PruneConsentTest {
    private static final Removal WORKER = new Removal(new ManagedHosts.Entry(false, "198.51.100.32", "worker2"), true);
    private static final Removal SERVER = new Removal(new ManagedHosts.Entry(true, "198.51.100.13", "server3"), false);
    private static final Map<String, String> WHY = Map.of("198.51.100.13", "198.51.100.13: connection refused (port 22)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void withoutPruneAndNoTerminalApplyStopsWithExit2NamingEachHostAndItsRole() {
        assertThatThrownBy(() -> consent(false, false).removals(List.of(WORKER), Map.of()))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessage("the inventory no longer names 198.51.100.32 (worker worker2), which k3j-install installed; 'apply --prune' "
                        + "removes it (drain, uninstall K3s, delete the node), or put it back in the inventory. No host was changed");
    }

    @Test
    void anUnreachableHostIsRemovedOnlyWithForceAndWhyItCouldNotBeReachedIsSaid() {
        assertThatThrownBy(() -> consent(true, false).removals(List.of(WORKER, SERVER), WHY))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.PREFLIGHT_FAILED))
                .hasMessageStartingWith("198.51.100.13: taken out of the inventory but cannot be reached to be cleaned");
        assertThat(err.toString()).contains("connection refused (port 22)");

        assertThat(consent(true, true).removals(List.of(WORKER, SERVER), WHY)).containsExactly(WORKER, SERVER);
    }

    @Test
    void anUnreachableHostDeletedWithForceIsReportedWithWhatToDoOnceItIsBackAReachableOneNot() {
        assertThat(PruneConsent.notCleaned(List.of(WORKER, SERVER), "198.51.100.11")).containsExactly("198.51.100.13: node server3 "
                + "deleted from the cluster, the host not cleaned (it could not be reached). Once it is back, K3s there starts and "
                + "registers the node again: run /usr/local/bin/k3s-uninstall.sh there, then 'k3s kubectl delete node server3' on "
                + "198.51.100.11");
    }

    @Test
    void nothingRemovedNeedsNoConsent() {
        assertThat(consent(false, false).removals(List.of(), Map.of())).isEmpty();
    }

    private PruneConsent consent(boolean prune, boolean force) {
        Output output = new Output(new PrintWriter(out, true), new PrintWriter(err, true), false, 0, new Style(false));
        return new PruneConsent(prune, force, new CommandContext(output, new Environment(Map.of(), false, false), false));
    }
}
