package io.k3j.plan;

import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;
import java.util.Arrays;
import java.util.List;

/**
 * The plan of one inventory, one step at a time ({@link #plan(Step, Inventory, ClusterValues, HostKnowledge)}):
 * apply plans each step just before it runs, with what the steps before it produced (the agents'
 * token); the offline plan is all of them from the inventory alone (no host removed: only the hosts know).
 */
public final class Planner {
    private final TemplateRenderer renderer;

    public Planner(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    /** The whole plan from what is known now: {@code plan --offline}. */
    public Plan plan(Inventory inventory, ClusterValues values, HostKnowledge knowledge) {
        return new Plan(inventory.name(), Arrays.stream(Step.values()).map(step -> plan(step, inventory, values, knowledge)).toList(),
                values.masker());
    }

    public StepPlan plan(Step step, Inventory inventory, ClusterValues values, HostKnowledge knowledge) {
        return plan(step, inventory, values, knowledge, List.of());
    }

    /** {@code removals}: the hosts the servers' record names and the inventory no longer does (step 5). */
    public StepPlan plan(Step step, Inventory inventory, ClusterValues values, HostKnowledge knowledge, List<Removal> removals) {
        PlanContext context = new PlanContext(inventory, values, renderer, knowledge);
        return switch (step) {
            case DATASTORE -> new DatastorePlanner(context).plan();
            case SERVERS -> new ServersPlanner(context).plan();
            case REGISTRATION -> new RegistrationPlanner(context).plan();
            case WORKERS -> new WorkersPlanner(context).plan();
            case MANAGED -> new ManagedHostsPlanner(context, removals).plan();
        };
    }
}
