package io.k3j.lock;

import io.k3j.output.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The apply's Lease as the JSON {@code kubectl create -f -} and {@code kubectl replace -f -} read:
 * built here only, with {@link Json}, so every value is escaped in one place. Times are
 * metav1.MicroTime (RFC 3339 with six fractional digits, UTC).
 */
public final class LeaseJson {
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private LeaseJson() {
    }

    /**
     * Held by {@code holder} since {@code acquired}, renewed {@code renewed}; {@code resourceVersion}
     * empty for a create, the version read for a replace (the apiserver refuses a stale one: 409).
     */
    public static String held(String holder, Instant acquired, Instant renewed, Duration duration, long transitions,
                              Optional<String> resourceVersion) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("holderIdentity", holder);
        spec.put("acquireTime", MICRO_TIME.format(acquired));
        spec.put("renewTime", MICRO_TIME.format(renewed));
        spec.put("leaseDurationSeconds", duration.toSeconds());
        spec.put("leaseTransitions", transitions);
        return lease(spec, resourceVersion);
    }

    /**
     * Released: no holder, renewed now, at the version this run wrote last, so a Lease another run
     * took meanwhile is left alone (409). As client-go's leader election releases its lock.
     */
    public static String released(ApplyLease ours, Instant now) {
        Map<String, Object> spec = new LinkedHashMap<>();
        ours.acquired().ifPresent(acquired -> spec.put("acquireTime", MICRO_TIME.format(acquired)));
        spec.put("renewTime", MICRO_TIME.format(now));
        spec.put("leaseDurationSeconds", ours.duration().toSeconds());
        spec.put("leaseTransitions", ours.transitions());
        return lease(spec, Optional.of(ours.resourceVersion()));
    }

    private static String lease(Map<String, Object> spec, Optional<String> resourceVersion) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", ApplyLease.NAME);
        metadata.put("namespace", ApplyLease.NAMESPACE);
        resourceVersion.ifPresent(version -> metadata.put("resourceVersion", version));
        Map<String, Object> lease = new LinkedHashMap<>();
        lease.put("apiVersion", "coordination.k8s.io/v1");
        lease.put("kind", "Lease");
        lease.put("metadata", metadata);
        lease.put("spec", spec);
        return Json.write(lease);
    }
}
