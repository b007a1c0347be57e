package io.k3j.apply;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.SecretResolver;
import io.k3j.kubeconfig.Kubeconfig;
import io.k3j.lock.LockTaken;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.Planner;
import io.k3j.plan.Removal;
import io.k3j.plan.Rollout;
import io.k3j.plan.Step;
import io.k3j.render.TemplateRenderer;
import io.k3j.ssh.HostKeyException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A whole apply on connected hosts, or its dry run: the steps in order (the four of the HA guide, the
 * nodes' labels and taints, then the hosts taken out of the inventory and the record of the nodes), each planned just
 * before it runs from what the steps before it produced (the workers with the agents' token the
 * first server wrote); then every node checked against the inventory, and the cluster's kubeconfig
 * read for the operator. A dry run ({@link #dryRun}) goes through the same steps and interpreter,
 * reading the hosts and changing nothing.
 */
public final class ClusterApply {
    private static final String VERIFY_NODES = "verify the nodes (k3s kubectl get nodes)";
    private final Inventory inventory;
    private final SecretResolver resolver;
    private final ConnectedHosts hosts;
    private final WaveRunner runner;
    private final Duration readyLimit;
    private final Clock clock;
    private final DatastoreProbe datastoreProbe;
    private final Rollout rollout;
    private final List<Removal> removals;
    private final Set<String> leftMembersReached;

    /** What an apply did and found. */
    public record Result(List<HostReport> reports, List<Node> nodes, Kubeconfig kubeconfig) {

        public long changed() {
            return reports.stream().mapToLong(HostReport::changed).sum();
        }
    }

    /** What a dry run found: each step as planned, with what it would do on each host; the masker of every secret it met. */
    public record DryRun(List<StepRun> steps, SecretMasker masker) {

        public long changes() {
            return steps.stream().mapToLong(StepRun::changed).sum();
        }
    }

    public ClusterApply(Inventory inventory, SecretResolver resolver, ConnectedHosts hosts, WaveRunner runner, Duration readyLimit,
                        Clock clock) {
        this(inventory, resolver, hosts, runner, readyLimit, clock, DatastoreProbe.OVER_THE_NETWORK);
    }

    /** With a stand-in for the datastore login: for a unit test on fake hosts, which tunnel nowhere. */
    public ClusterApply(Inventory inventory, SecretResolver resolver, ConnectedHosts hosts, WaveRunner runner, Duration readyLimit,
                        Clock clock, DatastoreProbe datastoreProbe) {
        this(inventory, resolver, hosts, runner, readyLimit, clock, datastoreProbe, Rollout.DEFAULT, List.of(), Set.of());
    }

    private ClusterApply(Inventory inventory, SecretResolver resolver, ConnectedHosts hosts, WaveRunner runner, Duration readyLimit,
                         Clock clock, DatastoreProbe datastoreProbe, Rollout rollout, List<Removal> removals,
                         Set<String> leftMembersReached) {
        this.inventory = inventory;
        this.resolver = resolver;
        this.hosts = hosts;
        this.runner = runner;
        this.readyLimit = readyLimit;
        this.clock = clock;
        this.datastoreProbe = datastoreProbe;
        this.rollout = rollout;
        this.removals = List.copyOf(removals);
        this.leftMembersReached = Set.copyOf(leftMembersReached);
    }

    /** The same apply, with a new K3s version going through the workers as {@code rollout} says (--max-unavailable, --no-drain). */
    public ClusterApply rollingOut(Rollout rollout) {
        return new ClusterApply(inventory, resolver, hosts, runner, readyLimit, clock, datastoreProbe, rollout, removals,
                leftMembersReached);
    }

    /** The same apply, also removing the hosts taken out of the inventory in step 6 ({@link RemovedHosts}). */
    public ClusterApply removing(List<Removal> removals) {
        return new ClusterApply(inventory, resolver, hosts, runner, readyLimit, clock, datastoreProbe, rollout, removals,
                leftMembersReached);
    }

    /** The same apply, cleaning the hosts of the leaving etcd members it connected to ({@link RemovedHosts#connectLeftMembers}). */
    public ClusterApply cleaning(Set<String> leftMembersReached) {
        return new ClusterApply(inventory, resolver, hosts, runner, readyLimit, clock, datastoreProbe, rollout, removals,
                leftMembersReached);
    }

    /** The cluster's values, kept or new: known before anything runs, so every secret is masked from the start. */
    public ClusterValues values() {
        ClusterValues values = ClusterValues.of(inventory, resolver, KeptSecrets.readOrGenerate(inventory, hosts));
        hosts.runLog().addSecrets(values.secrets());
        return values;
    }

    /** What a run does once its servers step is done (its servers up and Ready): take the apply Lease of a new cluster. */
    public interface ServersUp {
        void reached() throws InterruptedException;
    }

    public Result run(ClusterValues values, ApplyListener listener) throws InterruptedException {
        return run(values, listener, () -> { });
    }

    /** The apply, with {@code serversUp} done right after step 2; a {@link LockTaken} there fails that step on the first server. */
    public Result run(ClusterValues values, ApplyListener listener, ServersUp serversUp) throws InterruptedException {
        ApplyContext context = context(Wet.APPLY);
        List<HostReport> reports = steps(context, values, listener, serversUp).stream().flatMap(step -> step.reports().stream()).toList();
        List<Node> nodes = awaitNodes(context);
        return new Result(reports, nodes, OperatorKubeconfig.read(inventory, hosts));
    }

    /** What {@link #run} would do: the same steps on the same interpreter, every read made, no change. */
    public DryRun dryRun(ClusterValues values, ApplyListener listener) throws InterruptedException {
        List<StepRun> steps = steps(context(Wet.DRY_RUN), values, listener, () -> { });
        Set<String> secrets = new LinkedHashSet<>(values.secrets());
        steps.forEach(step -> step.agentJoinToken().ifPresent(secrets::add));
        return new DryRun(steps, new SecretMasker(secrets));
    }

    private ApplyContext context(Wet wet) {
        return new ApplyContext(inventory, hosts, readyLimit, clock, datastoreProbe, wet);
    }

    /** Each step planned from the values the steps before it left, then run. */
    private List<StepRun> steps(ApplyContext context, ClusterValues values, ApplyListener listener, ServersUp serversUp)
            throws InterruptedException {
        FactsKnowledge knowledge = new FactsKnowledge(hosts.allFacts(), () -> RunningVersions.nodes(inventory, hosts));
        Planner planner = new Planner(new TemplateRenderer(), rollout);
        Applier applier = new Applier(context, runner, listener);
        List<StepRun> steps = new ArrayList<>();
        ClusterValues known = values;
        for (Step step : Step.values()) {
            StepRun run = applier.run(planner.plan(step, inventory, known, knowledge, removals, leftMembersReached));
            steps.add(run);
            if (step == Step.SERVERS) {
                afterServers(context, serversUp);
            }
            if (run.agentJoinToken().isPresent()) {
                known = withAgentJoinToken(known, run.agentJoinToken().get());
                hosts.runLog().addSecrets(known.secrets());
            }
        }
        return steps;
    }

    private static void afterServers(ApplyContext context, ServersUp serversUp) throws InterruptedException {
        try {
            serversUp.reached();
        } catch (LockTaken e) {
            throw new StepFailure(context.firstServerHost().address(), Step.SERVERS, "take the apply Lease", e.getMessage(),
                    "let the run that holds it end, or run again with --wait-for-lock (docs/operations.md#the-apply-lock)");
        }
    }

    /** The values with the agents' token the first server wrote (the check that read it held it to the agent token it was given). */
    private ClusterValues withAgentJoinToken(ClusterValues values, String agentJoinToken) {
        ClusterValues.Kept kept = new ClusterValues.Kept(Optional.of(values.serverToken()), values.datastorePassword(),
                Optional.of(values.agentToken()), Optional.of(agentJoinToken));
        return ClusterValues.of(inventory, resolver, kept);
    }

    /** The check an apply ends with, on its own (after a restore): every node as the inventory says, waited on. */
    public List<Node> awaitNodes() throws InterruptedException {
        return awaitNodes(context(Wet.APPLY));
    }

    /** Every inventory host a node as the inventory says, waited on: a node just started may need a heartbeat to be Ready. */
    private List<Node> awaitNodes(ApplyContext context) throws InterruptedException {
        try {
            return context.poll().until(() -> ClusterNodes.read(context.firstServer()),
                    read -> read.failure().isEmpty() && problems(context, read.nodes()).isEmpty(), readyLimit,
                    read -> read.failure().map(failure -> unreadable(context, failure))
                            .orElseGet(() -> mismatch(problems(context, read.nodes()))))
                    .nodes();
        } catch (HostKeyException e) {
            throw new StepFailure(context.firstServerHost().address(), Step.WORKERS, VERIFY_NODES, e.getMessage(), "");
        }
    }

    private ApplyFailed unreadable(ApplyContext context, String failure) {
        return new ApplyFailed(List.of(new StepFailure(context.firstServerHost().address(), Step.WORKERS, VERIFY_NODES,
                failure + " (still, after " + readyLimit.toSeconds() + " s)",
                "read 'journalctl -u k3s' on the host: its API answers once K3s there is ready; --ready-timeout waits longer")));
    }

    private List<NodeVerifier.Problem> problems(ApplyContext context, List<Node> nodes) {
        return NodeVerifier.problems(inventory, context::nodeName, nodes);
    }

    private static ApplyFailed mismatch(List<NodeVerifier.Problem> problems) {
        return new ApplyFailed(problems.stream().map(problem -> new StepFailure(problem.host(), Step.WORKERS,
                VERIFY_NODES, problem.problem(), "read the journal of k3s / k3s-agent on the host")).toList());
    }
}
