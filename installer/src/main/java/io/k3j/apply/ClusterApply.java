package io.k3j.apply;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.SecretResolver;
import io.k3j.kubeconfig.Kubeconfig;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.Paths;
import io.k3j.plan.Plan;
import io.k3j.plan.Planner;
import io.k3j.plan.Step;
import io.k3j.render.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole apply on connected hosts: the datastore and the servers; then, with the agents' token
 * the first server made, the registration address and the workers; then every node checked
 * against the inventory, and the cluster's kubeconfig read for the operator.
 */
public final class ClusterApply {
    private final Inventory inventory;
    private final SecretResolver resolver;
    private final ConnectedHosts hosts;
    private final WaveRunner runner;
    private final Duration readyLimit;
    private final Clock clock;
    private final DatastoreProbe datastoreProbe;

    /** What an apply did and found. */
    public record Result(List<HostReport> reports, List<Node> nodes, Kubeconfig kubeconfig) {

        public long changed() {
            return reports.stream().mapToLong(HostReport::changed).sum();
        }
    }

    public ClusterApply(Inventory inventory, SecretResolver resolver, ConnectedHosts hosts, WaveRunner runner, Duration readyLimit,
                        Clock clock) {
        this(inventory, resolver, hosts, runner, readyLimit, clock, DatastoreProbe.OVER_THE_NETWORK);
    }

    /** With a stand-in for the datastore login: for a unit test on fake hosts, which tunnel nowhere. */
    ClusterApply(Inventory inventory, SecretResolver resolver, ConnectedHosts hosts, WaveRunner runner, Duration readyLimit, Clock clock,
                 DatastoreProbe datastoreProbe) {
        this.inventory = inventory;
        this.resolver = resolver;
        this.hosts = hosts;
        this.runner = runner;
        this.readyLimit = readyLimit;
        this.clock = clock;
        this.datastoreProbe = datastoreProbe;
    }

    /** The cluster's values, kept or new: known before anything runs, so every secret is masked from the start. */
    public ClusterValues values() {
        ClusterValues values = ClusterValues.of(inventory, resolver, KeptSecrets.readOrGenerate(inventory, hosts));
        hosts.runLog().addSecrets(values.secrets());
        return values;
    }

    public Result run(ClusterValues values, ApplyListener listener) throws InterruptedException {
        FactsKnowledge knowledge = new FactsKnowledge(hosts.allFacts());
        Planner planner = new Planner(new TemplateRenderer());
        ApplyContext context = new ApplyContext(inventory, hosts, values.datastoreEndpoint(), readyLimit, clock, datastoreProbe);
        Applier applier = new Applier(context, runner, listener);

        Plan first = planner.plan(inventory, values, knowledge);
        List<HostReport> reports = new ArrayList<>(applier.run(first.steps().subList(0, 2)));
        String agentJoinToken = context.agentToken().orElseThrow(() -> new IllegalStateException("the servers step read no token"));
        ClusterValues joined = withAgentJoinToken(values, agentJoinToken);
        hosts.runLog().addSecrets(joined.secrets());
        reports.addAll(applier.run(planner.plan(inventory, joined, knowledge).steps().subList(2, 4)));

        List<Node> nodes = awaitNodes(context);
        String k3sYaml = context.firstServer().readFile(Paths.KUBECONFIG).map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .orElseThrow(() -> new StepFailure(context.firstServerHost().address(), Step.SERVERS,
                        "read " + Paths.KUBECONFIG, "the file is missing although k3s runs", "read 'journalctl -u k3s' on the host"));
        Kubeconfig kubeconfig = Kubeconfig.parse(k3sYaml).forOperator(inventory.name(), inventory.registration().url());
        return new Result(reports, nodes, kubeconfig);
    }

    /** The values with the agents' token the first server wrote, which must be for the agent token it was given. */
    private ClusterValues withAgentJoinToken(ClusterValues values, String agentJoinToken) {
        ClusterValues.Kept kept = new ClusterValues.Kept(Optional.of(values.serverToken()), values.datastorePassword(),
                Optional.of(values.agentToken()), Optional.of(agentJoinToken));
        ClusterValues joined = ClusterValues.of(inventory, resolver, kept);
        if (!joined.agentJoinToken().equals(agentJoinToken)) {
            throw new StepFailure(inventory.servers().hosts().get(0).address(), Step.SERVERS, "read " + Paths.AGENT_TOKEN,
                    "it holds another agent token than agent-token in " + Paths.K3S_CONFIG, "run 'systemctl restart k3s' on the host, "
                    + "then apply again");
        }
        return joined;
    }

    /** Every inventory host a node as the inventory says, waited on: a node just started may need a heartbeat to be Ready. */
    private List<Node> awaitNodes(ApplyContext context) throws InterruptedException {
        return context.poll().until(() -> ClusterNodes.read(context.firstServer()),
                read -> read.failure().isEmpty() && problems(context, read.nodes()).isEmpty(), readyLimit,
                read -> read.failure().map(failure -> unreadable(context, failure)).orElseGet(() -> mismatch(problems(context, read.nodes()))))
                .nodes();
    }

    private ApplyFailed unreadable(ApplyContext context, String failure) {
        return new ApplyFailed(List.of(new StepFailure(context.firstServerHost().address(), Step.WORKERS, "verify the nodes (k3s kubectl get nodes)",
                failure + " (still, after " + readyLimit.toSeconds() + " s)",
                "read 'journalctl -u k3s' on the host: its API answers once K3s there is ready; --ready-timeout waits longer")));
    }

    private List<NodeVerifier.Problem> problems(ApplyContext context, List<Node> nodes) {
        return NodeVerifier.problems(inventory, context::nodeName, nodes);
    }

    private static ApplyFailed mismatch(List<NodeVerifier.Problem> problems) {
        return new ApplyFailed(problems.stream().map(problem -> new StepFailure(problem.host(), Step.WORKERS,
                "verify the nodes (k3s kubectl get nodes)", problem.problem(), "read the journal of k3s / k3s-agent on the host")).toList());
    }
}
