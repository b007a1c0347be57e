package io.k3j.apply;

import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.time.Duration;
import java.util.Optional;

/**
 * One node drained with the kubectl K3s ships, on the first server: {@code kubectl drain
 * --ignore-daemonsets --delete-emptydir-data --timeout} (which cordons it first). Both a worker's
 * upgrade and a host's removal drain this way; a drain that does not finish names the pod it could
 * not evict and, when a PodDisruptionBudget refused it, the budgets of the pod's namespace.
 */
final class NodeDrain {
    private final RemoteHost server;

    NodeDrain(RemoteHost server) {
        this.server = server;
    }

    /**
     * Drains {@code name} within {@code timeout}; on failure, {@code stays} says what state the node is
     * left in, and {@code otherwise} what else the operator may do besides letting the pod go.
     */
    void drain(String name, Duration timeout, String stays, String otherwise) {
        ExecResult drained = RemoteShell.run(server, "k3s kubectl drain " + Shell.quote(name)
                + " --ignore-daemonsets --delete-emptydir-data --timeout=" + timeout.toSeconds() + "s 2>&1", timeout);
        if (!drained.ok()) {
            throw refused(name, drained.stdout() + drained.stderr(), stays, otherwise);
        }
    }

    private ClusterChecks.CheckFailed refused(String name, String output, String stays, String otherwise) {
        Optional<DrainRefusal> refusal = DrainRefusal.in(output);
        if (refusal.isEmpty()) {
            return new ClusterChecks.CheckFailed("kubectl drain " + name + " failed: " + HostApplier.lastLines(output),
                    stays + ". Fix the cause and apply again (it carries on from this node), " + otherwise);
        }
        DrainRefusal pod = refusal.get();
        String budgets = pod.byBudget() ? " (PodDisruptionBudget " + budgetsOf(pod.namespace()) + ")" : "";
        return new ClusterChecks.CheckFailed("kubectl drain " + name + " could not evict pod " + pod.namespace() + "/" + pod.pod()
                + budgets + ": " + pod.reason(), stays + ". Let the budget allow it (more replicas, or relax or delete the budget), then "
                + "apply again: it carries on from this node; " + otherwise);
    }

    /** The names of the PodDisruptionBudgets in {@code namespace}, as kubectl lists them (where the pod's is). */
    private String budgetsOf(String namespace) {
        ExecResult listed = RemoteShell.run(server, "k3s kubectl get poddisruptionbudgets -n " + Shell.quote(namespace)
                + " -o 'jsonpath={.items[*].metadata.name}'");
        String names = listed.ok() ? listed.stdout().strip() : "";
        return names.isEmpty() ? "in " + namespace + ": not listed" : String.join(", ", names.split("\\s+")) + " in " + namespace;
    }
}
