package io.k3j.plan;

import io.k3j.output.Output;
import io.k3j.output.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows a plan made from the inventory alone ({@code plan --offline}): per step and host the
 * actions, and each file in full. Secrets are masked. The plan against the hosts is a dry run of
 * apply, shown by the CLI's {@code PlanChanges}.
 */
public final class PlanPrinter {
    private final Output output;
    private final boolean showFiles;

    public PlanPrinter(Output output, boolean showFiles) {
        this.output = output;
        this.showFiles = showFiles;
    }

    public void print(Plan plan) {
        Style style = output.style();
        output.result(style.heading("Plan for cluster " + plan.cluster()));
        for (StepPlan step : plan.steps()) {
            output.result("");
            output.result(style.heading(step.step().title()) + style.faint("  " + step.summary()));
            for (int wave = 0; wave < step.waves().size(); wave++) {
                if (wave > 0) {
                    output.result(style.faint("  then, in parallel:"));
                }
                step.waves().get(wave).forEach(host -> printHost(plan, step, host));
            }
        }
    }

    private void printHost(Plan plan, StepPlan step, HostPlan host) {
        output.result("  " + output.style().heading(host.host()) + " (" + host.role() + ")");
        for (Action action : host.actions()) {
            output.result("    - " + plan.masker().mask(action.description()));
            if (showFiles) {
                action.file().ifPresent(file -> {
                    for (String line : file.shown(plan.masker()).stripTrailing().split("\n")) {
                        output.result(output.style().faint("        | ") + line);
                    }
                });
            }
        }
        output.event("plan", "cluster", plan.cluster(), "step", step.step().name().toLowerCase(),
                "host", host.host(), "role", host.role(), "actions", actions(plan, host));
    }

    private List<Map<String, Object>> actions(Plan plan, HostPlan host) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Action action : host.actions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", action.kind().name().toLowerCase());
            entry.put("description", plan.masker().mask(action.description()));
            action.file().ifPresent(file -> {
                entry.put("path", file.path());
                entry.put("mode", file.mode());
                entry.put("owner", file.owner());
                entry.put("content", file.shown(plan.masker()));
            });
            actions.add(entry);
        }
        return actions;
    }
}
