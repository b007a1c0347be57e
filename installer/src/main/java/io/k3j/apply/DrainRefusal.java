package io.k3j.apply;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pod a failed {@code kubectl drain} could not evict, from kubectl's own lines:
 * {@code error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as
 * it would violate the pod's disruption budget.} (kubectl {@code pkg/cmd/drain} evictPods).
 */
record DrainRefusal(String namespace, String pod, String reason) {
    private static final Pattern EVICTING = Pattern.compile(
            "error when evicting pods/\"([^\"]+)\" -n \"([^\"]+)\"(?: \\([^)]*\\))?: ([^\\]\n]*)");

    /** The pod a PodDisruptionBudget kept, else the last pod kubectl named as refused (a timeout), with what the API said. */
    static Optional<DrainRefusal> in(String kubectlOutput) {
        Matcher matcher = EVICTING.matcher(kubectlOutput);
        DrainRefusal last = null;
        while (matcher.find()) {
            last = new DrainRefusal(matcher.group(2), matcher.group(1), matcher.group(3).strip());
            if (last.byBudget()) {
                return Optional.of(last);
            }
        }
        return Optional.ofNullable(last);
    }

    /** Whether the API refused the eviction for a PodDisruptionBudget (its 429 message). */
    boolean byBudget() {
        return reason.contains("disruption budget");
    }
}
