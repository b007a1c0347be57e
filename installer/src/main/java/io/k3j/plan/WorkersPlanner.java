package io.k3j.plan;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Step 4: K3s agents, all together, registering through the fixed registration address. */
final class WorkersPlanner {
    private final Inventory inventory;
    private final ClusterValues values;
    private final TemplateRenderer renderer;
    private final HostKnowledge knowledge;
    private final K3sInstall install;
    private final K3sTools tools;

    WorkersPlanner(PlanContext context) {
        this.inventory = context.inventory();
        this.values = context.values();
        this.renderer = context.renderer();
        this.knowledge = context.knowledge();
        this.install = context.k3sInstall();
        this.tools = new K3sTools(context.renderer());
    }

    StepPlan plan() {
        List<HostPlan> hosts = inventory.workers().hosts().stream().map(this::hostPlan).toList();
        String summary = hosts.isEmpty()
                ? "no workers: the servers run the workloads"
                : hosts.size() + (hosts.size() == 1 ? " agent" : " agents") + " joining through " + inventory.registration().url();
        return new StepPlan(Step.WORKERS, summary, hosts.isEmpty() ? List.of() : List.of(hosts));
    }

    private HostPlan hostPlan(Host host) {
        List<Action> actions = new ArrayList<>();
        actions.addAll(install.actions("agent", knowledge.arch(host)));
        actions.add(Action.write(ManagedFile.rootOnly(Paths.K3S_CONFIG, renderer.render("k3s/agent-config.yaml.ftl", model(host)))));
        actions.add(Action.write(ManagedFile.readable(Paths.AGENT_UNIT, renderer.render("k3s/k3s.service.ftl",
                Map.of("unitName", "k3s-agent", "command", "agent", "binary", Paths.K3S_BINARY)))));
        actions.add(Action.start("start k3s-agent and wait until the node is Ready",
                new Operation.Services(List.of("k3s-agent"), new Operation.NodeReady())));
        // After the start: none of these is an input of K3s, so adding them restarts nothing.
        actions.addAll(tools.actions(false));
        return new HostPlan(host.address(), "worker", actions);
    }

    private Map<String, Object> model(Host host) {
        Map<String, Object> model = new HashMap<>();
        model.put("cluster", inventory.name());
        model.put("server", inventory.registration().url());
        model.put("token", values.agentJoinToken());
        model.put("node", NodeModel.of(host, List.of()));
        model.put("extra", new LinkedHashMap<>(inventory.k3s().agentConfig()));
        return model;
    }
}
