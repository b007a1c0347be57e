package io.k3j.cli;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.Change;
import io.k3j.apply.ClusterApply;
import io.k3j.apply.HostReport;
import io.k3j.apply.StepRun;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.Action;
import io.k3j.plan.HostPlan;
import io.k3j.plan.LineDiff;
import io.k3j.plan.ManagedFile;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.SecretsOnHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shows a dry run ({@code plan}, {@code apply --dry-run}): per step, wave and host, each change as
 * {@code + add}, {@code ~ change} or {@code - remove} (KubeOne's plan is the model), with the
 * files' diffs, the restarts and why, and the checks apply would make; then the count, or "nothing
 * to do". With {@code --output json}: one {@code plan-action} event per action, then {@code plan-summary}.
 * Every text goes through the masker; a diff is taken before masking and masks the secrets the
 * host's file holds too (a token since rotated), so a changed secret shows as a changed line.
 */
final class PlanChanges {
    private final Output output;
    private final boolean showFiles;

    PlanChanges(Output output, boolean showFiles) {
        this.output = output;
        this.showFiles = showFiles;
    }

    /** What an action comes to, as the plan words it. */
    enum Mark {
        ADD("+", "add"), CHANGE("~", "change"), REMOVE("-", "remove"), CHECK("?", "check"), NONE(" ", "none");

        final String symbol;
        final String word;

        Mark(String symbol, String word) {
            this.symbol = symbol;
            this.word = word;
        }

        static Mark of(Change change) {
            return switch (change) {
                case ADDED -> ADD;
                case CHANGED -> CHANGE;
                case REMOVED -> REMOVE;
                case CHECKED, TO_CHECK -> CHECK;
                case UNCHANGED -> NONE;
            };
        }
    }

    void print(String cluster, ClusterApply.DryRun dryRun, String afterwards) {
        Style style = output.style();
        SecretMasker masker = dryRun.masker();
        Map<Mark, Integer> counts = new LinkedHashMap<>();
        output.result(style.heading("Plan for cluster " + cluster) + style.faint("  (read from the hosts; nothing was changed)"));
        for (StepRun step : dryRun.steps()) {
            output.result("");
            output.result(style.heading(step.plan().step().title()) + style.faint("  " + step.plan().summary()));
            Map<String, HostReport> reports = new LinkedHashMap<>();
            step.reports().forEach(report -> reports.put(report.host(), report));
            for (int wave = 0; wave < step.plan().waves().size(); wave++) {
                if (wave > 0) {
                    output.result(style.faint("  then, in parallel:"));
                }
                for (HostPlan host : step.plan().waves().get(wave)) {
                    printHost(cluster, step, wave + 1, host, reports.get(host.host()), masker, counts);
                }
            }
        }
        output.result("");
        output.result(afterwards);
        int add = counts.getOrDefault(Mark.ADD, 0);
        int change = counts.getOrDefault(Mark.CHANGE, 0);
        int remove = counts.getOrDefault(Mark.REMOVE, 0);
        boolean pending = add + change + remove > 0;
        output.result(pending ? style.warning("Plan: " + add + " to add, " + change + " to change, " + remove + " to remove.")
                : style.success("Nothing to do: every host matches the inventory."));
        output.event("plan-summary", "cluster", cluster, "add", add, "change", change, "remove", remove, "pending", pending);
    }

    private void printHost(String cluster, StepRun step, int wave, HostPlan host, HostReport report, SecretMasker masker,
                           Map<Mark, Integer> counts) {
        Style style = output.style();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < host.actions().size(); i++) {
            Action action = host.actions().get(i);
            ActionOutcome outcome = report.outcomes().get(i);
            Mark mark = Mark.of(outcome.change());
            List<String> diff = showFiles && mark != Mark.NONE ? diff(action, outcome, masker) : List.of();
            if (!outcome.parts().isEmpty()) {
                // One line and one count per label or taint: "~ worker1: label zone=a -> zone=b".
                for (ActionOutcome.Part part : outcome.parts()) {
                    Mark partMark = Mark.of(part.change());
                    counts.merge(partMark, 1, Integer::sum);
                    lines.add("    " + colour(partMark, partMark.symbol + " " + masker.mask(part.detail())));
                }
            } else if (mark == Mark.CHECK) {
                // A check a dry run made (certificates read) says what it found; the others are made by apply.
                String found = outcome.change() == Change.CHECKED && !outcome.detail().isEmpty() ? ": " + outcome.detail() : "";
                lines.add("    " + style.faint("? " + masker.mask(action.description() + found)));
            } else if (mark != Mark.NONE) {
                counts.merge(mark, 1, Integer::sum);
                lines.add("    " + colour(mark, mark.symbol + " " + masker.mask(outcome.detail())));
                diff.forEach(line -> lines.add(style.faint("        | ") + colour(line)));
            }
            event(cluster, step, wave, host, action, outcome, mark, masker, diff);
        }
        String heading = "  " + style.heading(host.host()) + " (" + host.role() + ")";
        output.result(lines.isEmpty() ? heading + style.faint(": no changes") : heading);
        lines.forEach(output::result);
    }

    private void event(String cluster, StepRun step, int wave, HostPlan host, Action action, ActionOutcome outcome, Mark mark,
                       SecretMasker masker, List<String> diff) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("cluster", cluster);
        fields.put("step", step.plan().step().name().toLowerCase());
        fields.put("wave", wave);
        fields.put("host", host.host());
        fields.put("role", host.role());
        fields.put("change", mark.word);
        fields.put("action", masker.mask(action.description()));
        if (mark != Mark.CHECK && mark != Mark.NONE) {
            fields.put("detail", masker.mask(outcome.detail()));
        }
        action.file().ifPresent(file -> {
            fields.put("path", file.path());
            fields.put("mode", file.mode());
            fields.put("owner", file.owner());
        });
        if (!diff.isEmpty()) {
            fields.put("diff", diff);
        }
        if (!outcome.parts().isEmpty()) {
            List<Map<String, Object>> changes = new ArrayList<>();
            for (ActionOutcome.Part part : outcome.parts()) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("change", Mark.of(part.change()).word);
                change.put("detail", masker.mask(part.detail()));
                changes.add(change);
            }
            fields.put("changes", changes);
        }
        List<Object> pairs = new ArrayList<>();
        fields.forEach((key, value) -> {
            pairs.add(key);
            pairs.add(value);
        });
        output.event("plan-action", pairs.toArray());
    }

    /** A file's lines as they would change: a new file whole, a changed one as a diff; a secret file never. */
    private static List<String> diff(Action action, ActionOutcome outcome, SecretMasker masker) {
        Optional<ManagedFile> file = action.file();
        if (file.isEmpty()) {
            return List.of();
        }
        if (file.get().hidden()) {
            return List.of(file.get().shown(masker));
        }
        String before = outcome.before().orElse("");
        SecretMasker both = masker.and(SecretsOnHost.in(before));
        List<String> diff = LineDiff.of(before.stripTrailing(), file.get().content().stripTrailing());
        // Only the mode or owner would change: the line says so, no lines to show.
        return diff.stream().allMatch(line -> line.startsWith("  ")) ? List.of() : diff.stream().map(both::mask).toList();
    }

    private String colour(Mark mark, String line) {
        return switch (mark) {
            case ADD -> output.style().success(line);
            case CHANGE -> output.style().warning(line);
            case REMOVE -> output.style().error(line);
            case CHECK, NONE -> line;
        };
    }

    private String colour(String diffLine) {
        if (diffLine.startsWith("+")) {
            return output.style().success(diffLine);
        }
        return diffLine.startsWith("-") ? output.style().error(diffLine) : diffLine;
    }
}
