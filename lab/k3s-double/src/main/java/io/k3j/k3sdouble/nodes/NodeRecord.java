package io.k3j.k3sdouble.nodes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as the double keeps it in the datastore ({@code /registry/minions/<name>}) and shows it
 * as a v1 Node: labels (servers: node-role.kubernetes.io/control-plane and master, server.go
 * setNodeLabelsAndAnnotations; every node: the k3s instance type, pkg/cloudprovider), taints,
 * addresses, kubelet version, and Ready from the last heartbeat (NotReady after the grace period).
 */
public record NodeRecord(String name, boolean server, Map<String, String> labels, List<String> taints, String internalIp,
                         String kubeletVersion, Instant created, Instant heartbeat) {

    /** The node monitor's grace period (kube-controller-manager --node-monitor-grace-period, 40 s by default). */
    public static final Duration GRACE_PERIOD = Duration.ofSeconds(40);

    public boolean ready(Instant now, Duration grace) {
        return Duration.between(heartbeat, now).compareTo(grace) <= 0;
    }

    public Map<String, String> allLabels() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("beta.kubernetes.io/arch", "amd64");
        all.put("beta.kubernetes.io/instance-type", "k3s");
        all.put("beta.kubernetes.io/os", "linux");
        all.put("kubernetes.io/arch", "amd64");
        all.put("kubernetes.io/hostname", name);
        all.put("kubernetes.io/os", "linux");
        all.put("node.kubernetes.io/instance-type", "k3s");
        if (server) {
            all.put("node-role.kubernetes.io/control-plane", "true");
            all.put("node-role.kubernetes.io/master", "true");
        }
        all.putAll(labels);
        return all;
    }

    /** ROLES as kubectl prints them: the node-role.kubernetes.io/* label names, sorted, or {@code <none>}. */
    public String roles() {
        List<String> roles = allLabels().keySet().stream().filter(key -> key.startsWith("node-role.kubernetes.io/"))
                .map(key -> key.substring("node-role.kubernetes.io/".length())).sorted().toList();
        return roles.isEmpty() ? "<none>" : String.join(",", roles);
    }

    /** The record as stored (its own fields) and as the API shows it (a v1 Node). */
    public Map<String, Object> toStored() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("name", name);
        stored.put("server", server);
        stored.put("labels", labels);
        stored.put("taints", taints);
        stored.put("internalIp", internalIp);
        stored.put("kubeletVersion", kubeletVersion);
        stored.put("created", created.toString());
        stored.put("heartbeat", heartbeat.toString());
        return stored;
    }

    @SuppressWarnings("unchecked")
    public static NodeRecord fromStored(Map<String, Object> stored) {
        return new NodeRecord((String) stored.get("name"), (Boolean) stored.get("server"),
                (Map<String, String>) stored.get("labels"), (List<String>) stored.get("taints"), (String) stored.get("internalIp"),
                (String) stored.get("kubeletVersion"), Instant.parse((String) stored.get("created")),
                Instant.parse((String) stored.get("heartbeat")));
    }

    public Map<String, Object> toApi(Instant now, Duration grace) {
        boolean ready = ready(now, grace);
        List<Map<String, Object>> taintList = new ArrayList<>();
        for (String taint : taints) {
            String[] keyAndEffect = taint.split(":", 2);
            String[] keyAndValue = keyAndEffect[0].split("=", 2);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", keyAndValue[0]);
            if (keyAndValue.length > 1) {
                entry.put("value", keyAndValue[1]);
            }
            entry.put("effect", keyAndEffect.length > 1 ? keyAndEffect[1] : "NoSchedule");
            taintList.add(entry);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("creationTimestamp", created.toString());
        metadata.put("labels", allLabels());
        metadata.put("annotations", Map.of("k3s.io/hostname", name, "k3s.io/internal-ip", internalIp));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("providerID", "k3s://" + name);
        if (!taintList.isEmpty()) {
            spec.put("taints", taintList);
        }
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Ready");
        condition.put("status", ready ? "True" : "Unknown");
        condition.put("lastHeartbeatTime", heartbeat.toString());
        condition.put("reason", ready ? "KubeletReady" : "NodeStatusUnknown");
        condition.put("message", ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("addresses", List.of(Map.of("type", "InternalIP", "address", internalIp), Map.of("type", "Hostname", "address", name)));
        status.put("conditions", List.of(condition));
        status.put("nodeInfo", Map.of("kubeletVersion", kubeletVersion, "kubeProxyVersion", kubeletVersion,
                "containerRuntimeVersion", "containerd://1.7.23-k3s2", "osImage", "Debian GNU/Linux 12 (bookworm)",
                "operatingSystem", "linux", "architecture", "amd64"));
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("apiVersion", "v1");
        node.put("kind", "Node");
        node.put("metadata", metadata);
        node.put("spec", spec);
        node.put("status", status);
        return node;
    }

    public NodeRecord heartbeatAt(Instant now) {
        return new NodeRecord(name, server, labels, taints, internalIp, kubeletVersion, created, now);
    }
}
