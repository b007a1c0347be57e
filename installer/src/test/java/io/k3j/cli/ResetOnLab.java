package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.labtest.LabCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code reset --datastore --yes} on a cluster a lab test installed (in CI, as a pipeline runs it): no
 * host keeps anything of K3s or k3j-install; then a fresh apply builds a new cluster on the same
 * hosts, every node Ready through Debian's kubectl, with none of the old cluster's pods. Shared by
 * the provisioned-datastore classes, each of which checks its datastore's own remains in between.
 */
final class ResetOnLab {
    private final InstalledOnLab cluster;
    private final Lab lab;

    ResetOnLab(InstalledOnLab cluster) {
        this.cluster = cluster;
        this.lab = cluster.lab();
    }

    /** Every host of the cluster: the servers, the workers and db1 (the datastore's). */
    static List<String> hosts(List<String> servers, List<String> workers) {
        List<String> hosts = new ArrayList<>(servers);
        hosts.addAll(workers);
        hosts.add("db1");
        return hosts;
    }

    /** A dry run of {@code reset --datastore}: it names every host and exits 0. */
    CliRun dryRun(List<String> hosts) {
        CliRun dry = reset("--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        hosts.forEach(host -> assertThat(dry.out()).contains(lab.host(host).address()));
        return dry;
    }

    /** The reset itself: exit 0, every host reset, nothing of K3s or k3j-install's state left on them. */
    CliRun resetWithDatastore(List<String> hosts) {
        CliRun reset = reset("--yes");
        assertThat(reset.exitCode()).as(reset.all()).isZero();
        assertThat(reset.out()).contains("reset edge: " + hosts.size() + " hosts", "Left as it is:");
        LabCluster.assertNothingOfOursOn(lab, hosts);
        for (String host : hosts) {
            assertThat(lab.exec(host, "sh", "-c", "ls -d /etc/systemd/system/k3s*.service /usr/local/bin/k3s*.sh 2>/dev/null")
                    .stdout()).as("K3s' units and scripts left on " + host).isEmpty();
        }
        return reset;
    }

    /** A fresh apply on the hosts just reset: a new cluster, every node Ready, none of the old one's pods. */
    void aFreshApplyBuildsANewCluster(List<String> servers, List<String> workers) {
        CliRun again = CliRun.onInventory(cluster.variables(), "apply", cluster.inventory(), cluster.temp(),
                "--kubeconfig=" + cluster.kubeconfig());

        assertThat(again.exitCode()).as(again.all()).isZero();
        LabCluster.assertReadyNodes(LabCluster.kubectlFromThisMachine(lab, cluster.kubeconfig(), "get", "nodes"), servers, workers);
        assertThat(LabCluster.kubectlFromThisMachine(lab, cluster.kubeconfig(), "get", "pods", "--namespace", "default", "-o", "name"))
                .as("the fresh cluster has none of the old one's pods").doesNotContain(BackupRestoreOnLab.POD);
    }

    private CliRun reset(String option) {
        Map<String, String> ci = new HashMap<>(cluster.variables());
        ci.put("CI", "true");
        return CliRun.onInventory(ci, "reset", cluster.inventory(), cluster.temp(), "--datastore", option);
    }
}
