package io.k3j.plan;

import java.util.List;

/** What one step does on one host, in order. {@code role} is a short hint such as "first server". */
public record HostPlan(String host, String role, List<Action> actions) {
}
