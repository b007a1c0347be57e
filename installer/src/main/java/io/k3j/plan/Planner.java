package io.k3j.plan;

import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The plan of one inventory, one step at a time ({@link #plan(Step, Inventory, ClusterValues, HostKnowledge)}):
 * apply plans each step just before it runs, with what the steps before it produced (the agents'
 * token); the offline plan is all of them from the inventory alone (no host removed: only the hosts know).
 */
public final class Planner {
    private final TemplateRenderer renderer;
    private final Rollout rollout;

    public Planner(TemplateRenderer renderer) {
        this(renderer, Rollout.DEFAULT);
    }

    public Planner(TemplateRenderer renderer, Rollout rollout) {
        this.renderer = renderer;
        this.rollout = rollout;
    }

    /** The whole plan from what is known now: {@code plan --offline}. */
    public Plan plan(Inventory inventory, ClusterValues values, HostKnowledge knowledge) {
        return new Plan(inventory.name(), Arrays.stream(Step.values()).map(step -> plan(step, inventory, values, knowledge)).toList(),
                values.masker());
    }

    public StepPlan plan(Step step, Inventory inventory, ClusterValues values, HostKnowledge knowledge) {
        return plan(step, inventory, values, knowledge, List.of());
    }

    /** {@code removals}: the hosts the servers' record names and the inventory no longer does (step 6). */
    public StepPlan plan(Step step, Inventory inventory, ClusterValues values, HostKnowledge knowledge, List<Removal> removals) {
        return plan(step, inventory, values, knowledge, removals, Set.of());
    }

    /** {@code leftMembersReached}: the hosts of the etcd members that leave the cluster, connected for their clean-up (step 6). */
    public StepPlan plan(Step step, Inventory inventory, ClusterValues values, HostKnowledge knowledge, List<Removal> removals,
                         Set<String> leftMembersReached) {
        PlanContext context = new PlanContext(inventory, values, renderer, knowledge, rollout);
        return switch (step) {
            case DATASTORE -> new DatastorePlanner(context).plan();
            case SERVERS -> new ServersPlanner(context).plan();
            case REGISTRATION -> new RegistrationPlanner(context).plan();
            case WORKERS -> new WorkersPlanner(context).plan();
            case NODES -> new NodesPlanner(context).plan();
            case MANAGED -> new ManagedHostsPlanner(context, removals, leftMembersReached).plan();
        };
    }
}
