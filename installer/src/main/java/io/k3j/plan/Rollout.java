package io.k3j.plan;

import java.time.Duration;

/**
 * How a new K3s version goes through the workers: {@code maxUnavailable} at a time, each cordoned,
 * drained (unless {@code drain} is off) with kubectl's {@code --timeout} of {@code drainTimeout},
 * upgraded, Ready at the new version, then uncordoned. Servers always go one at a time.
 */
public record Rollout(MaxUnavailable maxUnavailable, boolean drain, Duration drainTimeout) {

    public static final Rollout DEFAULT = new Rollout(MaxUnavailable.DEFAULT, true, Duration.ofMinutes(5));
}
