package io.k3j.apply;

import io.k3j.inventory.Inventory;
import io.k3j.kubeconfig.Kubeconfig;
import io.k3j.plan.Paths;
import io.k3j.plan.Step;
import io.k3j.ssh.SshException;
import java.nio.charset.StandardCharsets;

/**
 * The operator's kubeconfig: K3s' own on the first server, pointed at the registration address. It
 * is read outside any host's work (after apply's steps, after a rotation, by the kubeconfig
 * command), so a host that drops out here, a missing file or one K3s is rewriting ends as that
 * host's step failure, never as a bug of ours.
 */
public final class OperatorKubeconfig {
    private static final String ACTION = "read " + Paths.KUBECONFIG;

    private OperatorKubeconfig() {
    }

    /** @throws StepFailure naming the first server, what went wrong and what to do */
    public static Kubeconfig read(Inventory inventory, ConnectedHosts hosts) {
        String server = inventory.servers().hosts().get(0).address();
        try {
            String k3sYaml = hosts.host(server).readFile(Paths.KUBECONFIG).map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new StepFailure(server, Step.SERVERS, ACTION, "the file does not exist: K3s has not written it "
                            + "there (not set up yet, or never started)", "run 'k3j-install apply' for the inventory, or read "
                            + "'journalctl -u k3s' on the host"));
            return Kubeconfig.parse(k3sYaml).forOperator(inventory.name(), inventory.registration().url());
        } catch (SshException e) {
            throw new StepFailure(server, Step.SERVERS, ACTION, e.getMessage(), "check the host is up and reachable, then run the command "
                    + "again");
        } catch (IllegalArgumentException e) {
            throw new StepFailure(server, Step.SERVERS, ACTION, "K3s' kubeconfig there does not read as one: " + e.getMessage(),
                    "read 'journalctl -u k3s' on the host (K3s writes the file at each start), then run the command again");
        }
    }
}
