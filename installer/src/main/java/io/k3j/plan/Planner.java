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
        List<StepPlan> steps = List.of(
                new DatastorePlanner(inventory, values, renderer, knowledge).plan(),
                new ServersPlanner(inventory, values, renderer, knowledge).plan(),
                new RegistrationPlanner(inventory, renderer, knowledge).plan(),
                new WorkersPlanner(inventory, values, renderer, knowledge).plan());
        return new Plan(inventory.name(), steps, values.masker());
    }
}
