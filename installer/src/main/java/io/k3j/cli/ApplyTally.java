package io.k3j.cli;

import io.k3j.apply.HostReport;
import io.k3j.apply.StepFailure;
import io.k3j.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** How each host ended each of its steps, in the order they ended: what the summary at the end of apply shows. */
final class ApplyTally {

    /** One host's part of one step: what it changed, or the failure that ended it. */
    record Entry(Step step, String host, String role, long changed, Optional<StepFailure> failure, Duration took) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void done(HostReport report) {
        entries.add(new Entry(report.step(), report.host(), report.role(), report.changed(), Optional.empty(), report.took()));
    }

    synchronized void failed(StepFailure failure, String role, Duration took) {
        entries.add(new Entry(failure.step(), failure.host(), role, 0, Optional.of(failure), took));
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
