package io.k3j.cli;

import io.k3j.plan.Step;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts at work right now, each with its step, role, current action and since when: what the
 * live view draws and what a failure's time is measured from. Hosts' threads update it, the
 * drawing thread reads it.
 */
final class RunningHosts {

    /** What a host waits for inside its current action, since when. */
    record Wait(String what, Instant since) {
    }

    /** One host at work. {@code action} is empty until its first action starts. */
    record Activity(Step step, String host, String role, Instant since, String action, Instant actionSince, Optional<Wait> waiting) {

        Activity doing(String next, Instant at) {
            return new Activity(step, host, role, since, next, at, Optional.empty());
        }

        Activity waitingFor(String what, Instant at) {
            return new Activity(step, host, role, since, action, actionSince, Optional.of(new Wait(what, at)));
        }
    }

    private final Map<String, Activity> running = new LinkedHashMap<>();

    synchronized void started(Step step, String host, String role, Instant at) {
        running.put(host, new Activity(step, host, role, at, "", at, Optional.empty()));
    }

    synchronized void actionStarted(String host, String action, Instant at) {
        running.computeIfPresent(host, (name, activity) -> activity.doing(action, at));
    }

    synchronized void waiting(String host, String what, Instant at) {
        running.computeIfPresent(host, (name, activity) -> activity.waitingFor(what, at));
    }

    synchronized Optional<Activity> get(String host) {
        return Optional.ofNullable(running.get(host));
    }

    /** The host is done: no longer running; what it was doing last. */
    synchronized Optional<Activity> ended(String host) {
        return Optional.ofNullable(running.remove(host));
    }

    /** Every running host, in the order they started. */
    synchronized List<Activity> now() {
        return List.copyOf(running.values());
    }
}
