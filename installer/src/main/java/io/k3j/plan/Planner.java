package io.k3j.plan;

import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;
import java.util.List;

/** The whole plan: the four steps of a K3s HA install, in order, for one inventory. */
public final class Planner {
    private final TemplateRenderer renderer;

    public Planner(TemplateRenderer renderer) {
        this.renderer = renderer;
    }

    public Plan plan(Inventory inventory, ClusterValues values, HostKnowledge knowledge) {
        PlanContext context = new PlanContext(inventory, values, renderer, knowledge);
        List<StepPlan> steps = List.of(
                new DatastorePlanner(context).plan(),
                new ServersPlanner(context).plan(),
                new RegistrationPlanner(context).plan(),
                new WorkersPlanner(context).plan());
        return new Plan(inventory.name(), steps, values.masker());
    }
}
