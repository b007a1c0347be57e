package io.k3j.k3sdouble.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Nodes as a meta.k8s.io/v1 Table, what kubectl get prints (server-side printing): the columns and
 * cells of pkg/printers/internalversion/printers.go printNode. NAME STATUS ROLES AGE VERSION, and
 * with priority 1 (shown by {@code -o wide}) INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
 * CONTAINER-RUNTIME. STATUS is Ready/NotReady (Unknown without conditions) with
 * {@code ,SchedulingDisabled} when unschedulable; ROLES the {@code node-role.kubernetes.io/*}
 * label names and a {@code kubernetes.io/role} value, sorted, or {@code <none>}.
 */
public final class NodeTable {
    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

    private NodeTable() {
    }

    private static final List<Table.Column> COLUMNS = List.of(
            new Table.Column("Name", "name", 0, "Name must be unique within a namespace."),
            new Table.Column("Status", "", 0, "The status of the node"),
            new Table.Column("Roles", "", 0, "The roles of the node"),
            new Table.Column("Age", "", 0, "CreationTimestamp is a timestamp representing the server time when this object was created."),
            new Table.Column("Version", "", 0, "Kubelet Version reported by the node."),
            new Table.Column("Internal-IP", "", 1, "List of addresses reachable to the node."),
            new Table.Column("External-IP", "", 1, "List of addresses reachable to the node."),
            new Table.Column("OS-Image", "", 1, "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
            new Table.Column("Kernel-Version", "", 1, "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
            new Table.Column("Container-Runtime", "", 1,
                    "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."));

    /** {@code includeObject}: None, Metadata (the default: PartialObjectMetadata) or Object (the whole node). */
    public static Map<String, Object> of(List<Map<String, Object>> nodes, Instant now, String includeObject, Map<String, Object> listMeta) {
        return Table.of(COLUMNS, nodes, node -> cells(node, now), includeObject, listMeta);
    }

    @SuppressWarnings("unchecked")
    static List<Object> cells(Map<String, Object> node, Instant now) {
        Map<String, Object> metadata = (Map<String, Object>) node.get("metadata");
        Map<String, Object> spec = (Map<String, Object>) node.getOrDefault("spec", Map.of());
        Map<String, Object> status = (Map<String, Object>) node.getOrDefault("status", Map.of());
        Map<String, Object> info = (Map<String, Object>) status.getOrDefault("nodeInfo", Map.of());
        String age = metadata.get("creationTimestamp") == null ? "<unknown>"
                : HumanDuration.of(Duration.between(Instant.parse((String) metadata.get("creationTimestamp")), now));
        return List.of(metadata.get("name"), status(status, spec), roles((Map<String, Object>) metadata.getOrDefault("labels", Map.of())),
                age, info.getOrDefault("kubeletVersion", ""), address(status, "InternalIP"), address(status, "ExternalIP"),
                orUnknown(info.get("osImage")), orUnknown(info.get("kernelVersion")), orUnknown(info.get("containerRuntimeVersion")));
    }

    @SuppressWarnings("unchecked")
    private static String status(Map<String, Object> status, Map<String, Object> spec) {
        List<String> words = new ArrayList<>();
        for (Map<String, Object> condition : (List<Map<String, Object>>) status.getOrDefault("conditions", List.of())) {
            if ("Ready".equals(condition.get("type"))) {
                words.add("True".equals(condition.get("status")) ? "Ready" : "NotReady");
            }
        }
        if (words.isEmpty()) {
            words.add("Unknown");
        }
        if (Boolean.TRUE.equals(spec.get("unschedulable"))) {
            words.add("SchedulingDisabled");
        }
        return String.join(",", words);
    }

    static String roles(Map<String, Object> labels) {
        TreeSet<String> roles = new TreeSet<>();
        labels.forEach((key, value) -> {
            if (key.startsWith(ROLE_PREFIX) && key.length() > ROLE_PREFIX.length()) {
                roles.add(key.substring(ROLE_PREFIX.length()));
            } else if (key.equals("kubernetes.io/role") && value != null && !String.valueOf(value).isEmpty()) {
                roles.add(String.valueOf(value));
            }
        });
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    @SuppressWarnings("unchecked")
    private static String address(Map<String, Object> status, String type) {
        for (Map<String, Object> address : (List<Map<String, Object>>) status.getOrDefault("addresses", List.of())) {
            if (type.equals(address.get("type"))) {
                return String.valueOf(address.get("address"));
            }
        }
        return "<none>";
    }

    private static String orUnknown(Object value) {
        return value == null || String.valueOf(value).isEmpty() ? "<unknown>" : String.valueOf(value);
    }
}
