package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts taken out of the inventory (step 6), on 3 servers and 2 workers installed once: the files
 * K3s' install.sh leaves, refused without --prune off a terminal (exit 2, nothing changed), a
 * worker and a server removed with --prune (3 → 2 servers), then the worker added back; last, that
 * worker stopped and taken out again: refused without --force, deleted from the cluster with it and
 * reported as not cleaned, then cleaned by hand as the warning says once it is back.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PruneOnLabIT {
    private static final Map<String, String> SECRETS = Map.of("K3S_TOKEN", "lab-token-secret", "K3S_DB_PASSWORD", "lab-db-secret");

    @TempDir
    static Path temp;

    private static Path inventory;
    private static String full;

    @BeforeAll
    static void install(Lab lab) throws IOException {
        lab.publish(LabCluster.RELEASE);
        inventory = LabInventory.write(lab, temp);
        full = Files.readString(inventory);
        CliRun run = apply();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    private static CliRun apply(String... more) {
        List<String> args = new ArrayList<>(List.of("--kubeconfig=" + temp.resolve("lab.kubeconfig")));
        args.addAll(List.of(more));
        return CliRun.onInventory(SECRETS, "apply", inventory, temp, args.toArray(String[]::new));
    }

    /** The inventory without these hosts (as LabInventory lists them). */
    private static void without(Lab lab, String... hosts) throws IOException {
        String text = full;
        for (String host : hosts) {
            text = text.replace(", {address: " + lab.host(host).address() + ", name: " + host + "}", "");
        }
        Files.writeString(inventory, text);
    }

    @Test
    @Order(1)
    void everyNodeHasTheKillallAndItsUninstallScriptAndTheLinksOnlyWhereNoSuchCommandIsOnThePath(Lab lab) {
        for (String host : List.of("server1", "worker1")) {
            String script = host.startsWith("server") ? "k3s-uninstall.sh" : "k3s-agent-uninstall.sh";
            assertThat(lab.exec(host, "stat", "-c", "%a %U", "/usr/local/bin/k3s-killall.sh", "/usr/local/bin/" + script).stdout())
                    .isEqualTo("755 root\n755 root\n");
            for (String command : List.of("kubectl", "crictl", "ctr")) {
                String link = lab.exec(host, "readlink", "/usr/local/bin/" + command).stdout().strip();
                String elsewhere = lab.exec(host, "sh", "-c", "PATH=/usr/sbin:/usr/bin:/sbin:/bin command -v " + command).stdout();
                assertThat(link).as(host + ": " + command).isEqualTo(elsewhere.isBlank() ? "k3s" : "");
            }
        }
    }

    @Test
    @Order(2)
    void withoutPruneOffATerminalApplyStopsWithExit2NamingTheHostsAndChangesNothing(Lab lab) throws IOException {
        without(lab, "worker2", "server3");
        String before = LabCluster.invocations(lab, List.of("server1", "server2", "server3"), List.of("worker1", "worker2"));

        CliRun run = apply();

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(lab.host("worker2").address() + " (worker worker2)")
                .contains(lab.host("server3").address() + " (server server3)").contains("--prune").contains("No host was changed");
        assertThat(LabCluster.invocations(lab, List.of("server1", "server2", "server3"), List.of("worker1", "worker2")))
                .isEqualTo(before);
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), List.of("server1", "server2", "server3"),
                List.of("worker1", "worker2"));
    }

    @Test
    @Order(3)
    void planShowsTheRemovalsAndApplyWithPruneRemovesAWorkerAndAServerLeavingNothingOfOurs(Lab lab) throws IOException {
        without(lab, "worker2", "server3");

        CliRun plan = CliRun.onInventory(SECRETS, "plan", inventory, temp, "--no-files");
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        assertThat(plan.out()).contains("6. Managed hosts").contains(lab.host("worker2").address() + " (removed worker)")
                .contains("- cordon and drain node worker2").contains("- delete node server3");

        CliRun run = apply("--prune");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String nodes = LabCluster.kubectlFromThisMachine(lab, temp.resolve("lab.kubeconfig"), "get", "nodes");
        LabCluster.assertReadyNodes(nodes, List.of("server1", "server2"), List.of("worker1"));
        LabCluster.assertNothingOfOursOn(lab, List.of("worker2", "server3"));
        for (String host : List.of("worker2", "server3")) {
            assertThat(lab.exec(host, "sh", "-c", "ls /etc/systemd/system/k3s* /usr/local/bin/k3s* /usr/local/bin/kubectl "
                    + "2>/dev/null; systemctl is-enabled k3s k3s-agent 2>/dev/null | grep -x enabled").stdout()).as(host).isEmpty();
        }
        String haproxy = lab.exec("lb1", "cat", "/etc/haproxy/haproxy.cfg").stdout();
        assertThat(haproxy).contains(lab.host("server2").address() + ":6443").doesNotContain(lab.host("server3").address());
        assertThat(lab.exec("server1", "cat", "/etc/rancher/k3s/k3j-managed-hosts").stdout()).doesNotContain("worker2", "server3");

        CliRun again = CliRun.onInventory(SECRETS, "plan", inventory, temp, "--detailed-exitcode");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    }

    @Test
    @Order(4)
    void theRemovedWorkerAddedBackJoinsAgainUnderItsName(Lab lab) throws IOException {
        without(lab, "server3");

        CliRun run = apply();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), List.of("server1", "server2"),
                List.of("worker1", "worker2"));
    }

    @Test
    @Order(5)
    void anUnreachableRemovedWorkerIsDeletedFromTheClusterOnlyWithForceAndReportedAsNotCleaned(Lab lab) throws IOException {
        String worker2 = lab.host("worker2").address();
        lab.stop("worker2");
        without(lab, "server3", "worker2");
        String before = LabCluster.invocations(lab, List.of("server1", "server2"), List.of("worker1"));

        CliRun refused = apply("--prune");

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(refused.err()).contains(worker2 + ": taken out of the inventory but cannot be reached").contains("--force")
                .contains("No host was changed");
        assertThat(LabCluster.invocations(lab, List.of("server1", "server2"), List.of("worker1"))).isEqualTo(before);
        assertThat(LabCluster.nodesSeenFrom(lab, "server1")).containsPattern("(?m)^worker2 ");

        CliRun forced = apply("--prune", "--force");

        assertThat(forced.exitCode()).as(forced.all()).isZero();
        LabCluster.assertReadyNodes(LabCluster.kubectlFromThisMachine(lab, temp.resolve("lab.kubeconfig"), "get", "nodes"),
                List.of("server1", "server2"), List.of("worker1"));
        assertThat(forced.err()).contains(worker2 + ": node worker2 deleted from the cluster, the host not cleaned");
        assertThat(lab.exec("server1", "cat", "/etc/rancher/k3s/k3j-managed-hosts").stdout()).doesNotContain("worker2");

        // Back, its agent (still enabled) registers the node again: the warning's two commands undo both.
        lab.start("worker2");
        assertThat(LabCluster.nodesSeenFrom(lab, "server1")).containsPattern("(?m)^worker2 ");
        assertThat(forced.err()).contains("run /usr/local/bin/k3s-agent-uninstall.sh there")
                .contains("'k3s kubectl delete node worker2' on " + lab.host("server1").address());
        lab.exec("worker2", "/usr/local/bin/k3s-agent-uninstall.sh").orThrow("k3s-agent-uninstall.sh on worker2");
        lab.exec("server1", "k3s", "kubectl", "delete", "node", "worker2").orThrow("k3s kubectl delete node worker2 on server1");
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), List.of("server1", "server2"), List.of("worker1"));
        LabCluster.assertNothingOfOursOn(lab, List.of("worker2"));
    }
}
