package io.k3j.k3sdouble.api;

import io.k3j.k3sdouble.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Leases as a meta.k8s.io/v1 Table, what kubectl get prints: NAME HOLDER AGE, the cells of
 * pkg/printers/internalversion/printers.go printLease (HOLDER is {@code spec.holderIdentity}, empty when none).
 */
public final class LeaseTable {
    private static final List<Table.Column> COLUMNS = List.of(
            new Table.Column("Name", "name", 0, "Name must be unique within a namespace."),
            new Table.Column("Holder", "", 0, "holderIdentity contains the identity of the holder of a current lease."),
            new Table.Column("Age", "", 0, "CreationTimestamp is a timestamp representing the server time when this object was created."));

    private LeaseTable() {
    }

    /** A LeaseList's items as rows, under the list's metadata. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> of(Map<String, Object> list, Instant now, String includeObject) {
        return Table.of(COLUMNS, (List<Map<String, Object>>) list.get("items"), lease -> cells(lease, now), includeObject,
                (Map<String, Object>) list.get("metadata"));
    }

    /** One lease as a table of one row. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> ofOne(Map<String, Object> lease, Instant now, String includeObject) {
        return Table.of(COLUMNS, List.of(lease), one -> cells(one, now), includeObject,
                Json.object("resourceVersion", ((Map<String, Object>) lease.get("metadata")).get("resourceVersion")));
    }

    @SuppressWarnings("unchecked")
    static List<Object> cells(Map<String, Object> lease, Instant now) {
        Map<String, Object> metadata = (Map<String, Object>) lease.get("metadata");
        Map<String, Object> spec = (Map<String, Object>) lease.getOrDefault("spec", Map.of());
        Object holder = spec.get("holderIdentity");
        Object created = metadata.get("creationTimestamp");
        String age = created == null ? "<unknown>" : HumanDuration.of(Duration.between(Instant.parse(String.valueOf(created)), now));
        return List.of(metadata.get("name"), holder == null ? "" : String.valueOf(holder), age);
    }
}
