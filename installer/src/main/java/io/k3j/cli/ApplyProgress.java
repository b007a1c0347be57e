package io.k3j.cli;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.ApplyListener;
import io.k3j.apply.Change;
import io.k3j.apply.HostReport;
import io.k3j.apply.StepFailure;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.StepPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shows an apply as it goes: a line per host as it starts and as it ends (what changed), every
 * action with -v; with --output json one event per host and step. Secrets are masked in all of it.
 */
final class ApplyProgress implements ApplyListener {
    private final Output output;
    private final SecretMasker masker;

    ApplyProgress(Output output, SecretMasker masker) {
        this.output = output;
        this.masker = masker;
    }

    @Override
    public synchronized void stepStarted(StepPlan step) {
        output.info("");
        output.info(output.style().heading(step.step().title()) + output.style().faint("  " + masker.mask(step.summary())));
        output.event("step", "step", stepName(step), "status", "started", "summary", masker.mask(step.summary()));
    }

    @Override
    public synchronized void hostStarted(StepPlan step, String host, String role) {
        output.detail(1, "  … " + host + " (" + role + ")");
        output.event("host", "step", stepName(step), "host", host, "role", role, "status", "started");
    }

    @Override
    public synchronized void hostDone(HostReport report) {
        Style style = output.style();
        long changed = report.changed();
        boolean onlyChecks = report.outcomes().stream().allMatch(outcome -> outcome.change() == Change.CHECKED);
        String what = changed > 0 ? style.warning(changed + " changed") : style.faint(onlyChecks ? "checked" : "no changes");
        output.info("  " + style.success("✓ ") + report.host() + " (" + report.role() + ")  " + what
                + style.faint("  " + seconds(report.took().toMillis())));
        for (ActionOutcome outcome : report.outcomes()) {
            String mark = switch (outcome.change()) {
                case CHANGED -> style.warning("changed  ");
                case UNCHANGED -> style.faint("unchanged");
                case CHECKED -> style.success("checked  ");
            };
            output.detail(1, "      " + mark + " " + masker.mask(outcome.action())
                    + (outcome.detail().isEmpty() ? "" : ": " + masker.mask(outcome.detail())));
        }
        output.event("host", "step", report.step().name().toLowerCase(), "host", report.host(), "role", report.role(),
                "status", "ok", "changed", changed, "duration_ms", report.took().toMillis(), "actions", actions(report));
    }

    @Override
    public synchronized void hostFailed(StepFailure failure) {
        output.info("  " + output.style().error("✗ ") + failure.host() + "  " + masker.mask(failure.action()));
        output.event("host", "step", failure.step().name().toLowerCase(), "host", failure.host(), "status", "failed",
                "action", masker.mask(failure.action()), "error", masker.mask(failure.getMessage()), "fix", masker.mask(failure.fix()));
    }

    private List<Map<String, Object>> actions(HostReport report) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (ActionOutcome outcome : report.outcomes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("action", masker.mask(outcome.action()));
            entry.put("result", outcome.change().name().toLowerCase());
            entry.put("detail", masker.mask(outcome.detail()));
            entry.put("duration_ms", outcome.took().toMillis());
            actions.add(entry);
        }
        return actions;
    }

    private static String stepName(StepPlan step) {
        return step.step().name().toLowerCase();
    }

    static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
