package io.k3j.wizard;

import io.k3j.inventory.Servers;
import java.util.List;

/** Step 2: the server hosts, and whether they are a dedicated control plane. */
final class ServersPage {

    private ServersPage() {
    }

    static Page create(Ask ask) {
        return new Page(Step.SERVERS, List.of(
                ask.hosts(Keys.SERVERS, "spec.servers.hosts", "Server hosts (two or more)",
                        "IP addresses or DNS names, separated by commas or spaces; NAME=ADDRESS sets a node name. "
                                + "The first one starts first and creates the cluster.", answers -> null),
                ask.yesNo(Keys.DEDICATED, "Dedicated control plane (no workloads on the servers)",
                        "Yes taints the servers so pods run on the workers only; then add workers in step 4.", false),
                ask.text(Keys.TAINT, "spec.servers.controlPlaneTaint", "Taint for the servers",
                        "key=value:Effect. The HA guide's is k3s-controlplane=true:NoExecute; current K3s docs show "
                                + "CriticalAddonsOnly=true:NoExecute.", Servers.DEFAULT_TAINT)
                        .when(answers -> answers.yes(Keys.DEDICATED))));
    }
}
