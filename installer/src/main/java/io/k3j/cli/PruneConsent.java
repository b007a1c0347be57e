package io.k3j.cli;

import io.k3j.plan.K3sTools;
import io.k3j.plan.Removal;
import java.io.Console;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether apply may remove the hosts taken out of the inventory: with {@code --prune}, or a yes
 * at a prompt on a terminal; elsewhere (CI, no terminal) apply stops with exit 2 naming them,
 * before any change. A removed host that cannot be reached is removed only with {@code --force}
 * (deleted from the cluster, not cleaned). The same goes for the members of a provisioned etcd
 * cluster that provision.hosts no longer name.
 */
final class PruneConsent {
    private final boolean prune;
    private final boolean force;
    private final CommandContext context;

    PruneConsent(boolean prune, boolean force, CommandContext context) {
        this.prune = prune;
        this.force = force;
        this.context = context;
    }

    /** {@code found}, once consented to; otherwise the command ends, no host changed. {@code whyUnreachable}: by address. */
    List<Removal> removals(List<Removal> found, Map<String, String> whyUnreachable) {
        if (found.isEmpty()) {
            return found;
        }
        List<String> names = found.stream().map(removal -> removal.host().address() + " (" + removal.host().role() + " "
                + removal.host().nodeName() + ")").toList();
        if (!prune && !confirmed("Remove " + String.join(", ", names) + " from the cluster (drain, uninstall K3s, delete the node)?")) {
            context.output().event("prune-refused", "hosts", found.stream().map(removal -> removal.host().address()).toList());
            throw new CliException(ExitCode.USAGE, "the inventory no longer names " + String.join(", ", names) + ", which "
                    + "k3j-install installed; 'apply --prune' removes " + (found.size() == 1 ? "it" : "them") + " (drain, uninstall "
                    + "K3s, delete the node), or put " + (found.size() == 1 ? "it" : "them") + " back in the inventory. No host was changed");
        }
        List<Removal> unreachable = found.stream().filter(removal -> !removal.reachable()).toList();
        if (!unreachable.isEmpty() && !force) {
            unreachable.forEach(removal -> context.output().error(whyUnreachable.get(removal.host().address())));
            throw new CliException(ExitCode.PREFLIGHT_FAILED, String.join(", ", unreachable.stream().map(removal -> removal.host()
                    .address()).toList()) + ": taken out of the inventory but cannot be reached to be cleaned (said above); "
                    + "bring it back, or add --force to delete its node from the cluster anyway (the host keeps K3s). No host was changed");
        }
        return found;
    }

    /**
     * Whether the etcd members the inventory's provision.hosts no longer name ({@code leaving}) may
     * leave the cluster, each removed from it and its host cleaned of k3j-etcd and its data: as for
     * hosts, with {@code --prune} or a yes on a terminal; otherwise the command ends, no host changed.
     */
    void etcdMembers(List<String> leaving) {
        if (leaving.isEmpty() || prune || confirmed("Remove etcd member" + (leaving.size() == 1 ? " " : "s ") + String.join(", ", leaving)
                + " from the cluster, and its data from its host?")) {
            return;
        }
        context.output().event("prune-refused", "etcdMembers", leaving);
        throw new CliException(ExitCode.USAGE, "the inventory's provision.hosts no longer name etcd member"
                + (leaving.size() == 1 ? " " : "s ")
                + String.join(", ", leaving) + " of the running cluster; 'apply --prune' removes " + (leaving.size() == 1 ? "it" : "them")
                + " from the cluster once the new members joined and the servers no longer dial " + (leaving.size() == 1 ? "it" : "them")
                + ", and cleans " + (leaving.size() == 1 ? "its host" : "their hosts") + " (k3j-etcd and its data), or put "
                + (leaving.size() == 1 ? "it" : "them") + " back in provision.hosts. No host was changed");
    }

    /**
     * What apply says of each removed host it could only delete from the cluster ({@code --force}),
     * and what to do once it is back: its unit is still enabled, so it starts and registers its node
     * again, and both the host and the node must be cleaned then. {@code firstServer}: where kubectl runs.
     */
    static List<String> notCleaned(List<Removal> removals, String firstServer) {
        return removals.stream().filter(removal -> !removal.reachable()).map(removal -> removal.host().address() + ": node "
                + removal.host().nodeName() + " deleted from the cluster, the host not cleaned (it could not be reached). Once it is "
                + "back, K3s there starts and registers the node again: run " + K3sTools.uninstallScript(removal.host().server())
                + " there, then 'k3s kubectl delete node " + removal.host().nodeName() + "' on " + firstServer).toList();
    }

    /** A yes typed on the terminal; never asked without one. */
    private boolean confirmed(String question) {
        Console console = System.console();
        if (!context.interactive() || console == null) {
            return false;
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
    }
}
