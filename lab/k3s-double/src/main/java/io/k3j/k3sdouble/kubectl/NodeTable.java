package io.k3j.k3sdouble.kubectl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl get nodes} as a table: NAME STATUS ROLES AGE VERSION (and with {@code -o wide}
 * INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME), columns padded by three
 * spaces as kubectl's tabwriter does, ages as its HumanDuration prints them.
 */
final class NodeTable {

    private NodeTable() {
    }

    @SuppressWarnings("unchecked")
    static String render(List<Map<String, Object>> items, boolean wide, Instant now) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(wide
                ? List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION",
                "CONTAINER-RUNTIME")
                : List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"));
        for (Map<String, Object> node : items) {
            Map<String, Object> metadata = (Map<String, Object>) node.get("metadata");
            Map<String, Object> status = (Map<String, Object>) node.get("status");
            Map<String, Object> info = (Map<String, Object>) status.get("nodeInfo");
            List<String> row = new ArrayList<>(List.of((String) metadata.get("name"), ready(status), roles(metadata),
                    age(Instant.parse((String) metadata.get("creationTimestamp")), now), (String) info.get("kubeletVersion")));
            if (wide) {
                row.addAll(List.of(internalIp(status), "<none>", (String) info.get("osImage"), "6.1.0-k3j-lab",
                        (String) info.get("containerRuntimeVersion")));
            }
            rows.add(row);
        }
        return format(rows);
    }

    @SuppressWarnings("unchecked")
    private static String ready(Map<String, Object> status) {
        for (Map<String, Object> condition : (List<Map<String, Object>>) status.get("conditions")) {
            if ("Ready".equals(condition.get("type"))) {
                return "True".equals(condition.get("status")) ? "Ready" : "NotReady";
            }
        }
        return "Unknown";
    }

    @SuppressWarnings("unchecked")
    private static String roles(Map<String, Object> metadata) {
        List<String> roles = ((Map<String, String>) metadata.get("labels")).keySet().stream()
                .filter(key -> key.startsWith("node-role.kubernetes.io/"))
                .map(key -> key.substring("node-role.kubernetes.io/".length())).sorted().toList();
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    @SuppressWarnings("unchecked")
    private static String internalIp(Map<String, Object> status) {
        for (Map<String, Object> address : (List<Map<String, Object>>) status.get("addresses")) {
            if ("InternalIP".equals(address.get("type"))) {
                return (String) address.get("address");
            }
        }
        return "<none>";
    }

    /** k8s.io/apimachinery duration.HumanDuration, for the ages a fresh lab cluster has. */
    static String age(Instant created, Instant now) {
        long seconds = Math.max(0, Duration.between(created, now).toSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return minutes + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s");
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + "h" : (hours / 24) + "d";
    }

    private static String format(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
