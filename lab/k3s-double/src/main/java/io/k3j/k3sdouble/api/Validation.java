package io.k3j.k3sdouble.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The apiserver's validation of what the double stores (k8s.io/apimachinery validation, pkg/apis/core/validation), as 422 Invalid. */
public final class Validation {
    private static final String NAME_PART = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern QUALIFIED_NAME = Pattern.compile(NAME_PART);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("(" + NAME_PART + ")?");
    private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private Validation() {
    }

    @SuppressWarnings("unchecked")
    public static void node(String name, Map<String, Object> node) throws ApiError {
        Map<String, Object> metadata = (Map<String, Object>) node.getOrDefault("metadata", Map.of());
        for (Map.Entry<String, Object> label : ((Map<String, Object>) metadata.getOrDefault("labels", Map.of())).entrySet()) {
            labelKey("Node", name, "metadata.labels", label.getKey());
            String value = label.getValue() == null ? "" : String.valueOf(label.getValue());
            if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
                throw ApiError.invalid("Node", name, "metadata.labels", "Invalid value: \"" + value + "\": a valid label must be an "
                        + "empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                        + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '"
                        + "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
            }
        }
        for (String key : ((Map<String, Object>) metadata.getOrDefault("annotations", Map.of())).keySet()) {
            labelKey("Node", name, "metadata.annotations", key);
        }
        Map<String, Object> spec = (Map<String, Object>) node.getOrDefault("spec", Map.of());
        List<Map<String, Object>> taints = (List<Map<String, Object>>) spec.getOrDefault("taints", List.of());
        for (int i = 0; i < taints.size(); i++) {
            Object effect = taints.get(i).get("effect");
            if (!TAINT_EFFECTS.contains(String.valueOf(effect))) {
                throw ApiError.invalid("Node", name, "spec.taints[" + i + "].effect", "Unsupported value: \"" + effect
                        + "\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
            }
            labelKey("Node", name, "spec.taints[" + i + "].key", String.valueOf(taints.get(i).get("key")));
        }
    }

    /** A qualified name: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
    private static void labelKey(String kind, String name, String field, String key) throws ApiError {
        String[] parts = key.split("/", -1);
        String local = parts[parts.length - 1];
        boolean prefixOk = parts.length == 1 || parts.length == 2 && parts[0].length() <= 253 && DNS_SUBDOMAIN.matcher(parts[0]).matches();
        if (parts.length > 2 || !prefixOk || local.length() > 63 || !QUALIFIED_NAME.matcher(local).matches()) {
            throw ApiError.invalid(kind, name, field, "Invalid value: \"" + key + "\": name part must consist of alphanumeric "
                    + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                    + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        }
    }

    /**
     * pkg/apis/coordination/validation ValidateLeaseSpec: {@code leaseDurationSeconds} greater than 0,
     * {@code leaseTransitions} not negative, both when set.
     */
    public static void leaseSpec(String name, Map<String, Object> spec) throws ApiError {
        if (spec.get("leaseDurationSeconds") instanceof Number duration && duration.longValue() <= 0) {
            throw ApiError.invalid("Lease.coordination.k8s.io", name, "spec.leaseDurationSeconds", "Invalid value: " + duration.longValue()
                    + ": must be greater than 0");
        }
        if (spec.get("leaseTransitions") instanceof Number transitions && transitions.longValue() < 0) {
            throw ApiError.invalid("Lease.coordination.k8s.io", name, "spec.leaseTransitions", "Invalid value: " + transitions.longValue()
                    + ": must be greater than or equal to 0");
        }
    }
}
