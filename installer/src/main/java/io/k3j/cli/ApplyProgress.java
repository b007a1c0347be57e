package io.k3j.cli;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.ApplyListener;
import io.k3j.apply.Change;
import io.k3j.apply.HostReport;
import io.k3j.apply.StepFailure;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.Step;
import io.k3j.plan.StepPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shows an apply as it goes: a line per step, a line per host as it ends (what changed), every
 * action with -v; with --output json an event per step, host and action. Keeps {@link RunningHosts}
 * (what the live view draws) and the {@link ApplyTally} (what the summary shows). Secrets are masked
 * in all of it.
 */
final class ApplyProgress implements ApplyListener {
    private final Output output;
    private final SecretMasker masker;
    private final RunningHosts running;
    private final ApplyTally tally;
    private final Clock clock;

    ApplyProgress(Output output, SecretMasker masker, RunningHosts running, ApplyTally tally, Clock clock) {
        this.output = output;
        this.masker = masker;
        this.running = running;
        this.tally = tally;
        this.clock = clock;
    }

    @Override
    public synchronized void stepStarted(StepPlan step) {
        output.info("");
        output.info(output.style().heading(step.step().title()) + output.style().faint("  " + masker.mask(step.summary())));
        output.event("step", "step", name(step.step()), "status", "started", "summary", masker.mask(step.summary()));
    }

    @Override
    public synchronized void hostStarted(StepPlan step, String host, String role) {
        running.started(step.step(), host, role, clock.instant());
        output.detail(1, "  … " + host + " (" + role + ")");
        output.event("host", "step", name(step.step()), "host", host, "role", role, "status", "started");
    }

    @Override
    public synchronized void actionStarted(Step step, String host, String action) {
        running.actionStarted(host, masker.mask(action), clock.instant());
        output.event("action", "step", name(step), "host", host, "action", masker.mask(action), "status", "started");
    }

    @Override
    public synchronized void waiting(String host, String what) {
        running.waiting(host, masker.mask(what), clock.instant());
        running.get(host).ifPresent(activity -> {
            output.detail(1, "  … " + host + ": " + masker.mask(what));
            output.event("action", "step", name(activity.step()), "host", host, "action", activity.action(), "status", "waiting",
                    "detail", masker.mask(what));
        });
    }

    @Override
    public synchronized void actionDone(Step step, String host, ActionOutcome outcome) {
        output.event("action", "step", name(step), "host", host, "action", masker.mask(outcome.action()), "status", "ok",
                "result", result(outcome.change()), "detail", masker.mask(outcome.detail()), "duration_ms", outcome.took().toMillis());
    }

    @Override
    public synchronized void hostDone(HostReport report) {
        running.ended(report.host());
        tally.done(report);
        Style style = output.style();
        long changed = report.changed();
        boolean onlyChecks = report.outcomes().stream().allMatch(outcome -> outcome.change() == Change.CHECKED);
        String what = changed > 0 ? style.warning(changed + " changed") : style.faint(onlyChecks ? "checked" : "no changes");
        output.info("  " + style.success("✓ ") + report.host() + " (" + report.role() + ")  " + what
                + style.faint("  " + Elapsed.took(report.took())));
        for (ActionOutcome outcome : report.outcomes()) {
            String mark = switch (outcome.change()) {
                case ADDED, CHANGED, REMOVED -> style.warning("changed  ");
                case UNCHANGED -> style.faint("unchanged");
                case CHECKED, TO_CHECK -> style.success("checked  ");
            };
            output.detail(1, "      " + mark + " " + masker.mask(outcome.action())
                    + (outcome.detail().isEmpty() ? "" : ": " + masker.mask(outcome.detail())));
        }
        output.event("host", "step", name(report.step()), "host", report.host(), "role", report.role(),
                "status", "ok", "changed", changed, "duration_ms", report.took().toMillis(), "actions", actions(report));
    }

    @Override
    public synchronized void hostFailed(StepFailure failure) {
        Optional<RunningHosts.Activity> last = running.ended(failure.host());
        String role = last.map(RunningHosts.Activity::role).orElse("");
        Duration took = last.map(activity -> Duration.between(activity.since(), clock.instant())).orElse(Duration.ZERO);
        tally.failed(failure, role, took);
        String action = masker.mask(failure.action());
        String error = masker.mask(failure.getMessage());
        String fix = masker.mask(failure.fix());
        output.info("  " + output.style().error("✗ ") + failure.host() + (role.isEmpty() ? "" : " (" + role + ")") + "  " + action
                + output.style().faint("  " + Elapsed.took(took)));
        long actionMillis = last.map(activity -> Duration.between(activity.actionSince(), clock.instant()).toMillis()).orElse(0L);
        output.event("action", "step", name(failure.step()), "host", failure.host(), "action", action, "status", "failed",
                "error", error, "fix", fix, "duration_ms", actionMillis);
        output.event("host", "step", name(failure.step()), "host", failure.host(), "role", role, "status", "failed",
                "action", action, "error", error, "fix", fix, "duration_ms", took.toMillis());
    }

    private List<Map<String, Object>> actions(HostReport report) {
        List<Map<String, Object>> actions = new ArrayList<>();
        for (ActionOutcome outcome : report.outcomes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("action", masker.mask(outcome.action()));
            entry.put("result", result(outcome.change()));
            entry.put("detail", masker.mask(outcome.detail()));
            entry.put("duration_ms", outcome.took().toMillis());
            actions.add(entry);
        }
        return actions;
    }

    /** An apply's word for an action's result: "changed" whatever the change (added, changed, removed). */
    private static String result(Change change) {
        return change.changes() ? "changed" : change.name().toLowerCase();
    }

    static String name(Step step) {
        return step.name().toLowerCase();
    }
}
