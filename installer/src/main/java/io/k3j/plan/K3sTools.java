package io.k3j.plan;

import io.k3j.render.TemplateRenderer;
import java.util.List;
import java.util.Map;

/**
 * What K3s' install.sh leaves on a node besides the binary and the unit, and operators expect:
 * {@code k3s-killall.sh}, the uninstall script of the node's unit, and the kubectl/crictl/ctr links
 * where no such command is on the PATH (install.sh {@code create_killall}, {@code create_uninstall},
 * {@code create_symlinks}). A server's node runs unit {@code k3s}, an agent's {@code k3s-agent}.
 */
public final class K3sTools {
    private final TemplateRenderer renderer;

    public K3sTools(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    /** The unit a node of this kind runs: {@code k3s} for a server, {@code k3s-agent} for an agent. */
    public static String unit(boolean server) {
        return server ? "k3s" : "k3s-agent";
    }

    /** Where the uninstall script of that unit lives. */
    public static String uninstallScript(boolean server) {
        return server ? Paths.SERVER_UNINSTALL_SCRIPT : Paths.AGENT_UNINSTALL_SCRIPT;
    }

    /**
     * The scripts and links, planned after the unit starts: none of it is an input of K3s, so
     * adding them never restarts a running node.
     */
    List<Action> actions(boolean server) {
        return List.of(Action.write(killall()), Action.write(uninstall(server)),
                Action.install("link kubectl, crictl and ctr to k3s where no such command is on the PATH (as install.sh does)",
                        new Operation.Script("the kubectl, crictl and ctr links", renderer.render("k3s/links.sh.ftl", binary()),
                                renderer.render("k3s/probe-links.sh.ftl", binary()))));
    }

    /**
     * K3s taken off a node whose host stays: its unit stopped and disabled, then its uninstall script run
     * (uploaded first with the killall script, as a host installed by an earlier version lacks them).
     */
    public Action uninstallAction(boolean server) {
        String unit = unit(server);
        String script = uninstallScript(server);
        return Action.remove("stop and disable " + unit + ", run " + script + " (nothing of K3s or k3j-install left)",
                new Operation.Uninstall(unit, script, List.of(killall(), uninstall(server))));
    }

    public ManagedFile killall() {
        return ManagedFile.executable(Paths.KILLALL_SCRIPT, renderer.render("k3s/k3s-killall.sh.ftl", Map.of("dataDir", Paths.K3S_DATA)));
    }

    public ManagedFile uninstall(boolean server) {
        String unit = unit(server);
        return ManagedFile.executable(uninstallScript(server), renderer.render("k3s/k3s-uninstall.sh.ftl", Map.of(
                "unitName", unit, "script", uninstallScript(server), "killall", Paths.KILLALL_SCRIPT, "binary", Paths.K3S_BINARY,
                "dataDir", Paths.K3S_DATA, "stamp", Paths.STAMPS + "/" + new Operation.Services(List.of(unit), new Operation.Active()).stamp(),
                "state", Paths.STATE)));
    }

    private static Map<String, Object> binary() {
        return Map.of("binary", Paths.K3S_BINARY);
    }
}
