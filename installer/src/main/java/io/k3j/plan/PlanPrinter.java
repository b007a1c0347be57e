package io.k3j.plan;

import io.k3j.output.Output;
import io.k3j.output.Style;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shows a plan: per step and host the actions, and each file in full. Secrets are masked. */
public final class PlanPrinter {
    private final Output output;
    private final boolean showFiles;
    private final Optional<CurrentFiles> current;

    /** {@code current}: what is on the hosts now (online plan), or empty (offline: files shown whole). */
    public PlanPrinter(Output output, boolean showFiles, Optional<CurrentFiles> current) {
        this.output = output;
        this.showFiles = showFiles;
        this.current = current;
    }

    /** How a file on a host compares with what apply would write. */
    enum FileStatus { NEW, CHANGED, UNCHANGED, UNKNOWN }

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
            Optional<ManagedFile> file = action.file();
            FileStatus status = status(host.host(), action);
            String note = switch (status) {
                case NEW -> output.style().success("  (new)");
                case CHANGED -> output.style().warning("  (changed)");
                case UNCHANGED -> output.style().faint("  (unchanged)");
                case UNKNOWN -> "";
            };
            output.result("    - " + plan.masker().mask(action.description()) + note);
            if (showFiles && file.isPresent() && status != FileStatus.UNCHANGED) {
                printFile(plan.masker(), host.host(), file.get(), status, action.kind() == Action.Kind.BLOCK);
            }
        }
        output.event("plan", "cluster", plan.cluster(), "step", step.step().name().toLowerCase(),
                "host", host.host(), "role", host.role(), "actions", actions(plan, host));
    }

    private void printFile(SecretMasker masker, String host, ManagedFile file, FileStatus status, boolean block) {
        if (status == FileStatus.CHANGED && !file.hidden()) {
            String now = current.orElseThrow().read(host, file.path()).orElse("");
            String old = block ? ManagedBlock.in(now, file.content()).orElse("") : now;
            // The host's file may hold other secrets than the inventory's (a token since rotated).
            // Diffed before masking, so a changed secret shows as a changed line, masked on both sides.
            SecretMasker both = masker.and(SecretsOnHost.in(old));
            for (String line : LineDiff.of(old.stripTrailing(), file.content().stripTrailing())) {
                output.result(output.style().faint("        | ") + colour(both.mask(line)));
            }
            return;
        }
        for (String line : file.shown(masker).stripTrailing().split("\n")) {
            output.result(output.style().faint("        | ") + line);
        }
    }

    private String colour(String diffLine) {
        if (diffLine.startsWith("+")) {
            return output.style().success(diffLine);
        }
        return diffLine.startsWith("-") ? output.style().error(diffLine) : diffLine;
    }

    private FileStatus status(String host, Action action) {
        if (current.isEmpty() || action.file().isEmpty()) {
            return FileStatus.UNKNOWN;
        }
        ManagedFile file = action.file().get();
        Optional<String> now = current.get().read(host, file.path());
        if (now.isEmpty()) {
            return FileStatus.NEW;
        }
        // A block (pg_hba.conf) is unchanged when the file already holds it.
        boolean same = action.kind() == Action.Kind.BLOCK
                ? ManagedBlock.in(now.get(), file.content()).filter(file.content()::equals).isPresent()
                : now.get().equals(file.content());
        return same ? FileStatus.UNCHANGED : FileStatus.CHANGED;
    }

    private List<Map<String, Object>> actions(Plan plan, HostPlan host) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (Action action : host.actions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", action.kind().name().toLowerCase());
            entry.put("description", plan.masker().mask(action.description()));
            FileStatus status = status(host.host(), action);
            if (status != FileStatus.UNKNOWN) {
                entry.put("status", status.name().toLowerCase());
            }
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
