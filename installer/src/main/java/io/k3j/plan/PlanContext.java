package io.k3j.plan;

import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;

/** What every step's planner works from: the inventory, the resolved cluster values, the renderer, the hosts' facts, how an upgrade rolls. */
record PlanContext(Inventory inventory, ClusterValues values, TemplateRenderer renderer, HostKnowledge knowledge, Rollout rollout) {

    K3sInstall k3sInstall() {
        return new K3sInstall(inventory.k3s(), renderer);
    }
}
