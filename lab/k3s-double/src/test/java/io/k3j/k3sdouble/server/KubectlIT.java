package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabPostgres;
import io.k3j.lab.LabTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real kubectl against the double: {@code k3s kubectl} on a server, and kubectl on this
 * machine through a round-robin registration name with the servers' kubeconfig, as an operator
 * uses them: get, label, taint, cordon, wait, drain against a PodDisruptionBudget, delete node;
 * then what a node keeps across a reinstall and a restart (labels, taints, its password secret),
 * and each node on another release, as its binary says. Two servers and an agent on the lab's PostgreSQL.
 */
@LabTopology("ha-postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlIT {
    private static final String REGISTRATION = "k8s-rr.lab";

    @TempDir
    static Path temp;
    private static Path kubeconfig;
    private static String agentConfig;

    @BeforeAll
    static void twoServersAndAnAgent(Lab lab) throws IOException {
        LabPostgres.plain(lab, "db1");
        DoubleOnLab.publishRelease(lab);
        String config = "token: kubectl-test-secret\ndatastore-endpoint: postgres://k3s:pw@" + lab.host("db1").address()
                + ":5432/k3s\ntls-san: [" + REGISTRATION + "]\n";
        for (String server : new String[] {"server1", "server2"}) {
            DoubleOnLab.install(lab, server, "server");
            DoubleOnLab.start(lab, server, "k3s", config).orThrow("start " + server);
        }
        String token = lab.exec("server1", "cat", "/var/lib/rancher/k3s/server/node-token").orThrow("token").stdout().strip();
        DoubleOnLab.install(lab, "worker1", "agent");
        // Capitals in the node name: K3s lower-cases it (GetHostnameAndIPs), so the node is worker1.
        agentConfig = "server: https://" + lab.host("server1").address() + ":6443\ntoken: " + token + "\nnode-name: Worker1\n";
        DoubleOnLab.start(lab, "worker1", "k3s-agent", agentConfig).orThrow("start worker1");
        kubeconfig = temp.resolve("kubeconfig");
        Files.writeString(kubeconfig, Files.readString(lab.rootOf("server1").resolve("etc/rancher/k3s/k3s.yaml"))
                .replace("https://127.0.0.1:6443", "https://" + REGISTRATION + ":6443"));
    }

    @Test
    @Order(1)
    void k3sKubectlOnAServerPrintsKubectlsTablesJsonAndJsonpath(Lab lab) {
        String table = onServer(lab, "get", "nodes");
        String wide = onServer(lab, "get", "nodes", "-o", "wide");
        String json = lab.exec("server2", "kubectl", "get", "nodes", "-o", "json").orThrow("kubectl link -o json").stdout();
        // k3s-ansible's check that every server joined
        String servers = onServer(lab, "get", "nodes", "-l", "node-role.kubernetes.io/control-plane=true",
                "-o=jsonpath={.items[*].metadata.name}");

        assertThat(table).startsWith("NAME      STATUS   ROLES                  AGE   VERSION\n")
                .containsPattern("(?m)^server1   Ready    control-plane,master   \\d+s +v1\\.31\\.4\\+k3s1$")
                .containsPattern("(?m)^worker1   Ready    <none>                 \\d+s +v1\\.31\\.4\\+k3s1$");
        assertThat(wide).containsPattern("^NAME +STATUS +ROLES +AGE +VERSION +INTERNAL-IP +EXTERNAL-IP +OS-IMAGE +KERNEL-VERSION +CONTAINER-RUNTIME\n")
                .contains(lab.host("worker1").address() + "   <none>        Debian GNU/Linux 12 (bookworm)");
        assertThat(json).contains("\"kind\": \"List\"").contains("\"kubeletVersion\": \"v1.31.4+k3s1\"")
                .contains("\"providerID\": \"k3s://worker1\"");
        assertThat(servers).isEqualTo("server1 server2");
        assertThat(onServer(lab, "version")).contains("Server Version: version.Info{Major:\"1\", Minor:\"31\", GitVersion:\"v1.31.4+k3s1\"");
    }

    @Test
    @Order(2)
    void labelTaintAndCordonFromThisMachineThroughTheRegistrationName(Lab lab) {
        assertThat(fromHere(lab, "label", "node", "worker1", "tier=db")).isEqualTo("node/worker1 labeled\n");
        assertThat(fromHere(lab, "taint", "node", "worker1", "dedicated=db:NoSchedule")).isEqualTo("node/worker1 tainted\n");
        assertThat(fromHere(lab, "cordon", "worker1")).isEqualTo("node/worker1 cordoned\n");

        assertThat(fromHere(lab, "get", "nodes", "-l", "tier=db")).containsPattern("(?m)^worker1   Ready,SchedulingDisabled   <none> ");
        assertThat(onServer(lab, "get", "node", "worker1", "-o", "jsonpath={.spec.taints}"))
                .isEqualTo("[{\"effect\":\"NoSchedule\",\"key\":\"dedicated\",\"value\":\"db\"}]");
    }

    @Test
    @Order(3)
    void whatKubectlChangedOutlivesTheAgentsHeartbeatsAndIsUndone(Lab lab) throws InterruptedException {
        String heartbeat = readyHeartbeat(lab);
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (readyHeartbeat(lab).equals(heartbeat)) {
            assertThat(System.nanoTime()).as("worker1 posted no heartbeat within 40 s").isLessThan(until);
            Thread.sleep(500);
        }

        assertThat(onServer(lab, "get", "node", "worker1", "-o", "jsonpath={.metadata.labels.tier} {.spec.unschedulable}"))
                .isEqualTo("db true");
        fromHere(lab, "uncordon", "worker1");
        fromHere(lab, "taint", "node", "worker1", "dedicated-");
        fromHere(lab, "label", "node", "worker1", "tier-");
        assertThat(onServer(lab, "get", "node", "worker1", "-o", "jsonpath={.metadata.labels.tier}|{.spec}"))
                .isEqualTo("|{\"providerID\":\"k3s://worker1\"}");
    }

    @Test
    @Order(4)
    void waitForReadyAndAnInvalidLabelRefusedByTheServer(Lab lab) {
        assertThat(fromHere(lab, "wait", "--for=condition=Ready", "node", "--all", "--timeout=60s"))
                .contains("node/server1 condition met").contains("node/worker1 condition met");
        CommandResult invalid = lab.kubectl("--kubeconfig", kubeconfig.toString(), "patch", "node", "worker1", "--type=merge",
                "-p", "{\"metadata\":{\"labels\":{\"tier\":\"not valid\"}}}");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("The Node \"worker1\" is invalid: metadata.labels: Invalid value: \"not valid\"");
        assertThat(lab.exec("server1", "curl", "-sk", "https://127.0.0.1:6443/api/v1/nodes").stdout())
                .contains("\"code\":401").contains("Unauthorized");
    }

    @Test
    @Order(5)
    void drainEvictsWhatABudgetAllowsAndLeavesTheDaemonSetsPods(Lab lab) throws IOException {
        Path manifests = temp.resolve("workload.yaml");
        Files.writeString(manifests, WORKLOAD);
        fromHere(lab, "create", "--validate=false", "-f", manifests.toString());
        Path budget = temp.resolve("budget.yaml");
        Files.writeString(budget, BUDGET.replace("MIN", "2"));
        fromHere(lab, "create", "--validate=false", "-f", budget.toString());

        CommandResult refused = lab.kubectl("--kubeconfig", kubeconfig.toString(), "drain", "worker1", "--ignore-daemonsets",
                "--delete-emptydir-data", "--timeout=12s");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(fromHere(lab, "get", "pods", "-A", "--field-selector", "spec.nodeName=worker1", "-o", "name"))
                .isEqualTo("pod/web-1\npod/agent-worker1\n");

        fromHere(lab, "delete", "pdb", "web");
        Files.writeString(budget, BUDGET.replace("MIN", "1"));
        fromHere(lab, "create", "--validate=false", "-f", budget.toString());
        String drained = fromHere(lab, "drain", "worker1", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=60s");

        assertThat(drained).contains("pod/web-1 evicted");
        assertThat(fromHere(lab, "get", "pods", "-A", "-o", "name")).isEqualTo("pod/web-2\npod/agent-worker1\n");
        assertThat(onServer(lab, "get", "nodes")).containsPattern("(?m)^worker1 +Ready,SchedulingDisabled ");
    }

    @Test
    @Order(6)
    void aDeletedNodeIsGoneAndItsHostReinstalledUnderThatNameJoinsWithItsTaints(Lab lab) {
        assertThat(fromHere(lab, "delete", "node", "worker1")).isEqualTo("node \"worker1\" deleted\n");
        assertThat(onServer(lab, "get", "nodes", "-o", "name")).isEqualTo("node/server1\nnode/server2\n");

        // Reinstalled: a new node password, which the old one's secret would refuse, had it outlived its Node.
        lab.exec("worker1", "rm", "/etc/rancher/node/password").orThrow("forget the node password");
        restartAgent(lab, "node-label: [tier=web, zone=a]\nnode-taint: [dedicated=web:NoSchedule]\n");

        assertThat(fromHere(lab, "wait", "--for=condition=Ready", "node/worker1", "--timeout=60s")).contains("condition met");
        assertThat(labelsAndTaints(lab)).isEqualTo("web a [{\"effect\":\"NoSchedule\",\"key\":\"dedicated\",\"value\":\"web\"}]");
    }

    @Test
    @Order(7)
    void aRestartWithOtherLabelsAndTaintsUpdatesTheLabelsAndKeepsTheRegisteredTaints(Lab lab) {
        restartAgent(lab, "node-label: [zone=b]\nnode-taint: [gpu=true:NoExecute]\n");

        assertThat(labelsAndTaints(lab)).isEqualTo("web b [{\"effect\":\"NoSchedule\",\"key\":\"dedicated\",\"value\":\"web\"}]");
    }

    /** worker1's agent restarted with {@code more} settings after its first ones (systemctl waits for its READY=1: it registered). */
    private static void restartAgent(Lab lab, String more) {
        lab.exec("worker1", "sh", "-c", "printf '%s' \"$0\" > /etc/rancher/k3s/config.yaml", agentConfig + more).orThrow("config");
        lab.exec("worker1", "timeout", "60", "systemctl", "restart", "k3s-agent").orThrow("restart the agent");
    }

    private static String labelsAndTaints(Lab lab) {
        return onServer(lab, "get", "node", "worker1", "-o", "jsonpath={.metadata.labels.tier} {.metadata.labels.zone} {.spec.taints}");
    }

    @Test
    @Order(8)
    void eachNodeShowsTheReleaseItsHostRunsAndAnotherBinaryRestartedChangesIt(Lab lab) throws IOException {
        DoubleOnLab.installBinary(lab, "server2", "v1.32.0+k3s1");
        lab.exec("server2", "timeout", "60", "systemctl", "restart", "k3s").orThrow("restart server2 on v1.32.0+k3s1");
        DoubleOnLab.installBinary(lab, "worker1", "v1.30.8+k3s1");
        lab.exec("worker1", "timeout", "60", "systemctl", "restart", "k3s-agent").orThrow("restart worker1 on v1.30.8+k3s1");
        fromHere(lab, "wait", "--for=condition=Ready", "node", "--all", "--timeout=60s");
        Path toServer2 = temp.resolve("server2.kubeconfig");
        Files.writeString(toServer2, Files.readString(kubeconfig).replace(REGISTRATION, lab.host("server2").address()));

        assertThat(lab.exec("server2", "k3s", "--version").orThrow("k3s --version").stdout())
                .isEqualTo("k3s version v1.32.0+k3s1 (cca8faca)\ngo version go1.23.3\n");
        assertThat(onServer(lab, "get", "nodes"))
                .containsPattern("(?m)^server1 +Ready +control-plane,master +\\S+ +v1\\.31\\.4\\+k3s1$")
                .containsPattern("(?m)^server2 +Ready +control-plane,master +\\S+ +v1\\.32\\.0\\+k3s1$")
                .containsPattern("(?m)^worker1 +Ready +<none> +\\S+ +v1\\.30\\.8\\+k3s1$");
        assertThat(onServer(lab, "get", "node", "server2", "-o", "jsonpath={.status.nodeInfo.kubeletVersion} {.status.nodeInfo.kubeProxyVersion}"))
                .isEqualTo("v1.32.0+k3s1 v1.32.0+k3s1");
        assertThat(lab.kubectl("--kubeconfig", toServer2.toString(), "version").orThrow("kubectl version against server2").stdout())
                .contains("Server Version: version.Info{Major:\"1\", Minor:\"32\", GitVersion:\"v1.32.0+k3s1\", "
                        + "GitCommit:\"cca8facaa33a3ec7897349a8740fd96029590c31\", GitTreeState:\"clean\", BuildDate:\"2024-12-20T00:00:00Z\", "
                        + "GoVersion:\"go1.23.3\"");
        assertThat(onServer(lab, "version")).contains("Server Version: version.Info{Major:\"1\", Minor:\"31\", GitVersion:\"v1.31.4+k3s1\"");
    }

    @Test
    @Order(9)
    void anAgentNewerThanTheServersJoinsButTheirApiserverRefusesItsKubeletsServiceList(Lab lab) throws InterruptedException {
        for (String server : new String[] {"server1", "server2"}) {
            DoubleOnLab.installBinary(lab, server, "v1.30.8+k3s1");
            lab.exec(server, "timeout", "60", "systemctl", "restart", "k3s").orThrow("restart " + server + " on v1.30.8+k3s1");
        }
        DoubleOnLab.installBinary(lab, "worker1", "v1.31.4+k3s1");
        lab.exec("worker1", "timeout", "60", "systemctl", "restart", "k3s-agent").orThrow("restart worker1 on v1.31.4+k3s1");

        String journal = DoubleOnLab.awaitJournal(lab, "worker1", "k3s-agent", "failed to list *v1.Service", Duration.ofSeconds(30));

        assertThat(journal).containsPattern("W\\d{4} [0-9:.]{15} +\\d+ reflector\\.go:561\\] "
                + "k8s\\.io/client-go@v1\\.31\\.4-k3s1/informers/factory\\.go:160: failed to list \\*v1\\.Service: "
                + "\"spec\\.clusterIP\" is not a known field selector: only \"metadata\\.name\", \"metadata\\.namespace\"");
        assertThat(onServer(lab, "get", "nodes"))
                .containsPattern("(?m)^server1 +Ready +control-plane,master +\\S+ +v1\\.30\\.8\\+k3s1$")
                .containsPattern("(?m)^worker1 +Ready +<none> +\\S+ +v1\\.31\\.4\\+k3s1$");
    }

    /** Pods are records: a DaemonSet's pod and two ReplicaSet pods (one with an emptyDir), bound to nodes. */
    private static final String WORKLOAD = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system}
            spec: {selector: {matchLabels: {app: agent}}, template: {metadata: {labels: {app: agent}}, spec: {containers: [{name: a, image: agent}]}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: agent-worker1
              namespace: kube-system
              labels: {app: agent}
              ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: 6f1d2c8e-0000-4000-8000-000000000001, controller: true}]
            spec: {nodeName: worker1, containers: [{name: a, image: agent}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-1
              namespace: default
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: 6f1d2c8e-0000-4000-8000-000000000002, controller: true}]
            spec: {nodeName: worker1, containers: [{name: w, image: web}], volumes: [{name: scratch, emptyDir: {}}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-2
              namespace: default
              labels: {app: web}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web, uid: 6f1d2c8e-0000-4000-8000-000000000002, controller: true}]
            spec: {nodeName: server1, containers: [{name: w, image: web}]}
            """;
    private static final String BUDGET = """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web, namespace: default}
            spec: {minAvailable: MIN, selector: {matchLabels: {app: web}}}
            """;

    private static String readyHeartbeat(Lab lab) {
        return onServer(lab, "get", "node", "worker1", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].lastHeartbeatTime}");
    }

    private static String onServer(Lab lab, String... arguments) {
        String[] command = new String[arguments.length + 2];
        command[0] = "k3s";
        command[1] = "kubectl";
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        return lab.exec("server1", command).orThrow("k3s kubectl " + String.join(" ", arguments)).stdout();
    }

    private static String fromHere(Lab lab, String... arguments) {
        String[] command = new String[arguments.length + 2];
        command[0] = "--kubeconfig";
        command[1] = kubeconfig.toString();
        System.arraycopy(arguments, 0, command, 2, arguments.length);
        return lab.kubectl(command).orThrow("kubectl " + String.join(" ", arguments)).stdout();
    }
}
