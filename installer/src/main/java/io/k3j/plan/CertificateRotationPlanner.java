package io.k3j.plan;

import io.k3j.certificates.RotationServices;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code certificates rotate} as steps apply's interpreter runs: the chosen servers one at a time
 * (each a wave of its own: stopped, rotated, started, serving again before the next), then the
 * chosen agents together, restarted for new certificates; agents only when the services named
 * include one of theirs (or none is named). As K3s asks: servers first, then agents (k3s-io/k3s
 * discussion #10024). Each host must have K3s ({@link HostKnowledge#k3sVersion}).
 */
public final class CertificateRotationPlanner {
    private final Inventory inventory;
    private final HostKnowledge knowledge;

    public CertificateRotationPlanner(Inventory inventory, HostKnowledge knowledge) {
        this.inventory = inventory;
        this.knowledge = knowledge;
    }

    /** {@code chosen}: the addresses to rotate; {@code services}: those named with --service, empty for all. */
    public List<StepPlan> plan(Set<String> chosen, List<String> services) {
        List<List<HostPlan>> servers = new ArrayList<>();
        for (Host server : inventory.servers().hosts()) {
            if (chosen.contains(server.address())) {
                servers.add(List.of(server(server, services)));
            }
        }
        List<HostPlan> agents = RotationServices.reachAgents(services) ? inventory.workers().hosts().stream()
                .filter(worker -> chosen.contains(worker.address())).map(this::agent).toList() : List.of();
        String named = services.isEmpty() ? "every certificate" : "the certificates of " + String.join(", ", services);
        List<StepPlan> steps = new ArrayList<>();
        steps.add(new StepPlan(Step.SERVERS, servers.size() + " of " + inventory.servers().hosts().size() + " servers, one at a time: "
                + named + " rotated (k3s stopped, k3s certificate rotate, started, serving again)", servers));
        steps.add(new StepPlan(Step.WORKERS, agents.size() + " of " + inventory.workers().hosts().size() + " agents restarted: "
                + "each gets new certificates from the servers at its start", agents.isEmpty() ? List.of() : List.of(agents)));
        return steps;
    }

    private HostPlan server(Host host, List<String> services) {
        String version = version(host);
        return new HostPlan(host.address(), "server", List.of(Action.rotate("stop k3s, rotate " + (services.isEmpty() ? "its certificates"
                : "the certificates of " + String.join(", ", services)) + " (k3s certificate rotate), start it and wait until it serves "
                + "again (node Ready at " + version + ", /readyz through " + inventory.registration().url() + ")"
                + HaproxyBackend.drainNamed(inventory).map(drain -> "; " + drain).orElse(""),
                new Operation.RenewCertificates("k3s", true, services,
                        new Operation.ServerServing(version, inventory.registration().url(), HaproxyBackend.of(inventory, host))))));
    }

    private HostPlan agent(Host host) {
        String version = version(host);
        return new HostPlan(host.address(), "worker", List.of(Action.rotate("restart k3s-agent for new certificates and wait until "
                + "the node is Ready at " + version, new Operation.RenewCertificates("k3s-agent", false, List.of(),
                new Operation.NodeReady(Optional.of(version))))));
    }

    private String version(Host host) {
        return knowledge.k3sVersion(host).orElseThrow(() -> new IllegalStateException(host.address() + " has no K3s: the command "
                + "refuses such hosts before planning"));
    }
}
