package io.k3j.plan;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 4: K3s agents registering through the fixed registration address: new ones and those that
 * keep their version all together; those moving to a new K3s version then in batches of
 * {@code --max-unavailable}, each cordoned, drained, upgraded, Ready at the version, uncordoned.
 */
final class WorkersPlanner {
    private final Inventory inventory;
    private final ClusterValues values;
    private final TemplateRenderer renderer;
    private final HostKnowledge knowledge;
    private final K3sInstall install;
    private final Rollout rollout;
    private final K3sTools tools;

    WorkersPlanner(PlanContext context) {
        this.inventory = context.inventory();
        this.values = context.values();
        this.renderer = context.renderer();
        this.knowledge = context.knowledge();
        this.install = context.k3sInstall();
        this.rollout = context.rollout();
        this.tools = new K3sTools(context.renderer());
    }

    StepPlan plan() {
        List<Host> workers = inventory.workers().hosts();
        if (workers.isEmpty()) {
            return new StepPlan(Step.WORKERS, "no workers: the servers run the workloads", List.of());
        }
        List<Host> upgrading = workers.stream().filter(this::upgrading).toList();
        List<HostPlan> staying = workers.stream().filter(host -> !upgrading.contains(host)).map(this::hostPlan).toList();
        int batch = rollout.maxUnavailable().of(workers.size());
        String summary = workers.size() + (workers.size() == 1 ? " agent" : " agents") + " joining through " + inventory.registration().url()
                + (upgrading.isEmpty() ? "" : "; " + upgrading.size() + " upgraded to " + inventory.k3s().version() + ", "
                + batch + " at a time (--max-unavailable " + rollout.maxUnavailable() + ")"
                + (rollout.drain() ? ", each drained first" : ", not drained (--no-drain)"));
        return new StepPlan(Step.WORKERS, summary,
                UpgradeBatches.waves(staying, upgrading.stream().map(this::upgradePlan).toList(), batch));
    }

    /** A worker whose K3s binary is there at another version than the inventory's: it goes through the rollout. */
    private boolean upgrading(Host host) {
        return knowledge.k3sVersion(host).filter(version -> !version.equals(inventory.k3s().version())).isPresent();
    }

    private HostPlan hostPlan(Host host) {
        List<Action> actions = new ArrayList<>(k3sActions(host));
        if (knowledge.k3sVersion(host).isPresent() && knowledge.mayBeCordonedByK3j(host)) {
            // A node an interrupted or failed rollout left cordoned is put back (only one k3j-install cordoned).
            actions.add(uncordon());
        }
        return new HostPlan(host.address(), install.role("worker", knowledge.k3sVersion(host)), actions);
    }

    private HostPlan upgradePlan(Host host) {
        String version = inventory.k3s().version();
        List<Action> actions = new ArrayList<>();
        actions.add(Action.rollout("cordon the node (K3s " + knowledge.k3sVersion(host).orElseThrow() + " on the host, not " + version + ")",
                new Operation.Cordon(version)));
        if (rollout.drain()) {
            actions.add(Action.rollout("drain the node (kubectl drain --ignore-daemonsets --delete-emptydir-data --timeout="
                    + rollout.drainTimeout().toSeconds() + "s)", new Operation.Drain(version, rollout.drainTimeout())));
        }
        actions.addAll(k3sActions(host));
        actions.add(uncordon());
        return new HostPlan(host.address(), install.role("worker", knowledge.k3sVersion(host)), actions);
    }

    private List<Action> k3sActions(Host host) {
        List<Action> actions = new ArrayList<>();
        actions.addAll(install.actions("agent", knowledge.arch(host), knowledge.k3sVersion(host)));
        actions.add(Action.write(ManagedFile.rootOnly(Paths.K3S_CONFIG, renderer.render("k3s/agent-config.yaml.ftl", model(host)))));
        actions.add(NodeModel.labelsAndTaints(renderer, inventory.name(), host, host.taints()));
        actions.add(Action.write(ManagedFile.readable(Paths.AGENT_UNIT, renderer.render("k3s/k3s.service.ftl",
                Map.of("unitName", "k3s-agent", "command", "agent", "binary", Paths.K3S_BINARY)))));
        actions.add(Action.start("start k3s-agent and wait until the node is Ready at " + inventory.k3s().version(),
                new Operation.Services(List.of("k3s-agent"), new Operation.NodeReady(Optional.of(inventory.k3s().version())))));
        // After the start: none of these is an input of K3s, so adding them restarts nothing.
        actions.addAll(tools.actions(false));
        return actions;
    }

    private static Action uncordon() {
        return Action.rollout("uncordon the node if k3j-install cordoned it (" + Operation.Cordon.MARK + ")", new Operation.Uncordon());
    }

    private Map<String, Object> model(Host host) {
        Map<String, Object> model = new HashMap<>();
        model.put("cluster", inventory.name());
        model.put("server", inventory.registration().url());
        model.put("token", values.agentJoinToken());
        model.put("node", NodeModel.of(host));
        model.put("extra", new LinkedHashMap<>(inventory.k3s().agentConfig()));
        return model;
    }
}
