package io.k3j.lock;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The apply's Lease ({@value #NAMESPACE}/{@value #NAME}, coordination.k8s.io/v1) as the cluster
 * keeps it: who holds it ({@code spec.holderIdentity}, empty when nobody), when it was taken and
 * last renewed, for how long a renewal holds, how often it changed hands, and the
 * {@code metadata.resourceVersion} a write must name.
 */
public record ApplyLease(String holder, Optional<Instant> acquired, Optional<Instant> renewed, Duration duration, long transitions,
                         String resourceVersion) {
    public static final String NAME = "k3j-apply";
    public static final String NAMESPACE = "kube-system";
    /** leaseDurationSeconds is an int32: no Lease holds longer. */
    private static final long LONGEST_SECONDS = Integer.MAX_VALUE;

    /** This run as the Lease names it: {@code alice@ops.example.com 4242} (user@machine pid; LockHolder keeps both to one word). */
    public static String identity(LockHolder holder) {
        return holder.user() + "@" + holder.machine() + " " + holder.pid();
    }

    /** Until when the holder's last renewal holds it (renewed, else acquired, plus the duration); empty when the Lease says neither. */
    public Optional<Instant> expires() {
        return renewed.or(() -> acquired).map(last -> last.plus(duration));
    }

    /** The Lease {@code kubectl get lease -o json} printed; empty when it is not one (a host's answer, said by the caller). */
    @SuppressWarnings("unchecked")
    public static Optional<ApplyLease> parse(String json) {
        try {
            Object read = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
            if (!(read instanceof Map<?, ?> lease) || !"Lease".equals(lease.get("kind")) || !(lease.get("metadata") instanceof Map<?, ?> metadata)) {
                return Optional.empty();
            }
            Map<String, Object> spec = lease.get("spec") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            return Optional.of(new ApplyLease(text(spec.get("holderIdentity")), time(spec.get("acquireTime")), time(spec.get("renewTime")),
                    Duration.ofSeconds(within(number(spec.get("leaseDurationSeconds")), LONGEST_SECONDS)),
                    within(number(spec.get("leaseTransitions")), Integer.MAX_VALUE),
                    text(metadata.get("resourceVersion"))));
        } catch (YAMLException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A value the cluster holds, kept to what the Lease's int32 fields can mean, so no sum with it overflows. */
    private static long within(long value, long most) {
        return Math.max(0, Math.min(value, most));
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** A whole number as YAML read it (a BigInteger past long's range taken as long's most, or 0 below it); anything else 0. */
    private static long number(Object value) {
        if (!(value instanceof Number number)) {
            return 0;
        }
        double approximate = number.doubleValue();
        return approximate >= Long.MAX_VALUE ? Long.MAX_VALUE : approximate <= Long.MIN_VALUE ? 0 : number.longValue();
    }

    /** SnakeYAML reads a MicroTime as a string or, being YAML, as a timestamp. */
    private static Optional<Instant> time(Object value) {
        if (value instanceof java.util.Date date) {
            return Optional.of(date.toInstant());
        }
        return value == null || String.valueOf(value).isBlank() ? Optional.empty() : Optional.of(Instant.parse(String.valueOf(value)));
    }
}
