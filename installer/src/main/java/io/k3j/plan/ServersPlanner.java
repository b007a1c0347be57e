package io.k3j.plan;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Step 2: K3s servers on the shared datastore. The first server starts alone (it creates the
 * cluster's bootstrap data in the datastore); the others then start together with the same token
 * and agent token. Servers already running restart one at a time, so the cluster keeps serving.
 */
final class ServersPlanner {
    private final Inventory inventory;
    private final ClusterValues values;
    private final TemplateRenderer renderer;
    private final HostKnowledge knowledge;
    private final K3sInstall install;
    private final K3sTools tools;

    ServersPlanner(PlanContext context) {
        this.inventory = context.inventory();
        this.values = context.values();
        this.renderer = context.renderer();
        this.knowledge = context.knowledge();
        this.install = context.k3sInstall();
        this.tools = new K3sTools(context.renderer());
    }

    StepPlan plan() {
        List<Host> hosts = inventory.servers().hosts();
        List<HostPlan> first = List.of(hostPlan(hosts.get(0), true));
        List<HostPlan> others = hosts.subList(1, hosts.size()).stream().map(host -> hostPlan(host, false)).toList();
        String summary = hosts.size() + " servers on the " + inventory.datastore().type() + " datastore"
                + (inventory.servers().dedicatedControlPlane() ? ", dedicated control plane (tainted "
                + inventory.servers().controlPlaneTaint() + ")" : ", schedulable");
        return new StepPlan(Step.SERVERS, summary, others.isEmpty() ? List.of(first) : List.of(first, others));
    }

    private HostPlan hostPlan(Host host, boolean first) {
        List<Action> actions = new ArrayList<>();
        actions.addAll(install.actions("server", knowledge.arch(host), knowledge.k3sVersion(host)));
        datastoreTlsFiles().forEach(file -> actions.add(Action.write(file)));
        actions.add(Action.write(ManagedFile.rootOnly(Paths.K3S_CONFIG, renderer.render("k3s/server-config.yaml.ftl", model(host)))));
        actions.add(NodeModel.labelsAndTaints(renderer, inventory.name(), host, inventory.servers().taintsOf(host)));
        actions.add(Action.write(ManagedFile.readable(Paths.SERVER_UNIT, renderer.render("k3s/k3s.service.ftl",
                Map.of("unitName", "k3s", "command", "server", "binary", Paths.K3S_BINARY)))));
        if (first && inventory.k3s().token().isPresent()) {
            actions.add(Action.rotate("keep the server token at the inventory's: while " + Paths.SERVER_TOKEN + " holds another, "
                    + "rotate it here (as 'k3s token rotate'), before k3s restarts with the new one",
                    new Operation.RotateServerToken(Paths.SERVER_TOKEN, K3sToken.passwordOf(values.serverToken()))));
        }
        actions.add(Action.start("start k3s and wait until it is ready (systemd reports it active: K3s sends READY=1; "
                        + "its node Ready at " + inventory.k3s().version() + "); running servers restart one at a time"
                        + HaproxyBackend.drainNamed(inventory).map(drain -> ", each " + drain).orElse("")
                        + ", each serving again through " + inventory.registration().url() + " before the next",
                new Operation.Services(List.of("k3s"), new Operation.ServerServing(inventory.k3s().version(),
                        inventory.registration().url(), HaproxyBackend.of(inventory, host)), true)));
        if (first) {
            actions.add(Action.check("read the agents' token from " + Paths.AGENT_TOKEN
                    + " (K10<ca-hash>::node:<agent password>: it pins the cluster CA and joins agents only)",
                    new Operation.AgentToken(Paths.AGENT_TOKEN, K3sToken.passwordOf(values.agentToken()))));
        }
        // After the start: none of these is an input of K3s, so adding them restarts nothing.
        actions.addAll(tools.actions(true));
        return new HostPlan(host.address(), install.role(first ? "first server" : "server", knowledge.k3sVersion(host)), actions);
    }

    private Map<String, Object> model(Host host) {
        Map<String, Object> datastore = new HashMap<>();
        datastore.put("endpoint", values.datastoreEndpoint());
        inventory.datastore().tls().ifPresent(tls -> {
            datastore.put("caFile", Paths.DATASTORE_CA);
            tls.certFile().ifPresent(cert -> datastore.put("certFile", Paths.DATASTORE_CERT));
            tls.keyFile().ifPresent(key -> datastore.put("keyFile", Paths.DATASTORE_KEY));
        });
        Map<String, Object> extra = new LinkedHashMap<>(inventory.k3s().serverConfig());
        Map<String, Object> model = new HashMap<>();
        model.put("cluster", inventory.name());
        model.put("token", values.serverToken());
        model.put("agentToken", values.agentToken());
        model.put("datastore", datastore);
        model.put("tlsSans", tlsSans(extra.remove("tls-san")));
        model.put("node", NodeModel.of(host));
        model.put("extra", extra);
        return model;
    }

    /** The registration address (and the VIP) first, then any tls-san the inventory passes through. */
    private List<String> tlsSans(Object passedThrough) {
        Set<String> sans = new LinkedHashSet<>();
        sans.add(inventory.registration().address());
        inventory.registration().haproxy().flatMap(haproxy -> haproxy.vip()).ifPresent(sans::add);
        if (passedThrough instanceof List<?> list) {
            list.forEach(san -> sans.add(String.valueOf(san)));
        } else if (passedThrough != null) {
            sans.add(String.valueOf(passedThrough));
        }
        return List.copyOf(sans);
    }

    private List<ManagedFile> datastoreTlsFiles() {
        Optional<Datastore.Tls> tls = inventory.datastore().tls();
        if (tls.isEmpty()) {
            return List.of();
        }
        List<ManagedFile> files = new ArrayList<>();
        files.add(ManagedFile.rootOnly(Paths.DATASTORE_CA, OperatorFiles.read(tls.get().caFile())));
        tls.get().certFile().ifPresent(cert -> files.add(ManagedFile.rootOnly(Paths.DATASTORE_CERT, OperatorFiles.read(cert))));
        tls.get().keyFile().ifPresent(key -> files.add(ManagedFile.secret(Paths.DATASTORE_KEY, OperatorFiles.read(key))));
        return files;
    }
}
