package io.k3j.apply;

import io.k3j.plan.ManagedFile;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.util.List;

/**
 * Carries out a host's removal (step 6), for real or dry: the node drained and deleted through
 * the cluster's API on the first server, K3s uninstalled on the host. Each first reads whether
 * there is anything left to do, so a removal cut short carries on, and a dry run says what it would do.
 */
final class NodeRemoval {
    /** The role label every K3s server's node carries (node-role.kubernetes.io/control-plane). */
    private static final String SERVER_ROLE = "control-plane";
    private final ApplyContext context;

    NodeRemoval(ApplyContext context) {
        this.context = context;
    }

    HostApplier.Result drain(Operation.DrainNode drain) {
        RemoteHost from = server(drain.from());
        List<Node> nodes = nodes(from);
        if (ClusterNodes.find(nodes, drain.node()).isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, "node " + drain.node() + " is not in the cluster");
        }
        if (drain.server()) {
            long others = nodes.stream().filter(node -> !node.name().equals(drain.node()) && node.ready()
                    && node.roles().contains(SERVER_ROLE)).count();
            if (others < 2) {
                throw new ClusterChecks.CheckFailed("removing server " + drain.node() + " would leave " + others
                        + " Ready server" + (others == 1 ? "" : "s") + ": an HA cluster needs two or more",
                        "add a server to the inventory (or bring the others back to Ready) and apply, then remove this one");
            }
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.REMOVED, "cordon and drain node " + drain.node());
        }
        new NodeDrain(from).drain(drain.node(), drain.timeout(), "node " + drain.node()
                + " stays cordoned and in the cluster, nothing uninstalled", "or put the host back in the inventory");
        return new HostApplier.Result(Change.REMOVED, "cordoned and drained node " + drain.node());
    }

    HostApplier.Result delete(Operation.DeleteNode delete) {
        RemoteHost from = server(delete.from());
        if (ClusterNodes.find(nodes(from), delete.node()).isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, "node " + delete.node() + " is not in the cluster");
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.REMOVED, "delete node " + delete.node());
        }
        kubectl(from, "k3s kubectl delete node " + Shell.quote(delete.node()) + " --ignore-not-found",
                "delete node " + delete.node(), "read the error above; 'k3s kubectl delete node " + delete.node() + "' on "
                        + delete.from() + " does the same");
        return new HostApplier.Result(Change.REMOVED, "deleted node " + delete.node());
    }

    HostApplier.Result uninstall(RemoteHost host, Operation.Uninstall uninstall) {
        String leftOver = leftOver(uninstall);
        if (!RemoteShell.run(host, leftOver).ok()) {
            return new HostApplier.Result(Change.UNCHANGED, "nothing of K3s is left on the host");
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.REMOVED, "stop and disable " + uninstall.unit() + ", run " + uninstall.script());
        }
        for (ManagedFile script : uninstall.scripts()) {
            host.upload(script.path(), Content.of(script.content()), script.mode(), script.owner());
        }
        ExecResult ran = RemoteShell.run(host, "systemctl disable --now " + Shell.quote(uninstall.unit()) + " >/dev/null 2>&1\n"
                + Shell.quote(uninstall.script()) + "\n! { " + leftOver + "; }\n", context.readyLimit());
        if (!ran.ok()) {
            throw new ClusterChecks.CheckFailed(uninstall.script() + " left K3s on the host: " + HostApplier.lastLines(
                    ran.stderr().isBlank() ? ran.stdout() : ran.stderr()),
                    "run " + uninstall.script() + " there by hand and read what it says");
        }
        return new HostApplier.Result(Change.REMOVED, "stopped and disabled " + uninstall.unit() + ", ran " + uninstall.script());
    }

    /** A shell test that holds while anything of K3s is on the host: its unit, binary, data or uninstall script. */
    private static String leftOver(Operation.Uninstall uninstall) {
        return String.join(" || ", List.of("/etc/systemd/system/" + uninstall.unit() + ".service", Paths.K3S_BINARY, Paths.K3S_DATA,
                uninstall.script()).stream().map(path -> "[ -e " + Shell.quote(path) + " ]").toList());
    }

    private RemoteHost server(String address) {
        return context.host(address).orElseThrow(() -> new IllegalStateException("no connection to " + address));
    }

    private static List<Node> nodes(RemoteHost from) {
        ClusterNodes.Read read = ClusterNodes.read(from);
        if (read.failure().isPresent()) {
            throw new ClusterChecks.CheckFailed(read.failure().get(), "read 'journalctl -u k3s' on " + from.name()
                    + ": its API answers once K3s there is ready");
        }
        return read.nodes();
    }

    /** A kubectl change on the first server. */
    private void kubectl(RemoteHost from, String command, String what, String fix) {
        ExecResult result = RemoteShell.run(from, command, context.readyLimit());
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed("could not " + what + " (exit " + result.exitStatus() + "): "
                    + HostApplier.lastLines(result.stderr()), fix);
        }
    }
}
