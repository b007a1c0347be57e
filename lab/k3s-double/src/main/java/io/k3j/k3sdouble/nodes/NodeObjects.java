package io.k3j.k3sdouble.nodes;

import io.k3j.k3sdouble.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * v1 Node objects as the double keeps them (JSON maps): made at a node's first registration,
 * brought up to date at its later ones, their Ready condition refreshed by heartbeats and seen as
 * {@code Unknown} once the last one is older than the grace period (what the node lifecycle
 * controller of kube-controller-manager writes, computed here when the node is read).
 */
public final class NodeObjects {
    public static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    private NodeObjects() {
    }

    /**
     * The Node a first registration creates (labels, annotations as pkg/agent/run.go and
     * pkg/server/server.go set them; the taints of {@code node-taint}, which the kubelet registers
     * with the Node).
     */
    public static Map<String, Object> fresh(NodeRecord record, Instant now) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", record.name());
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", timestamp(now));
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("kind", "Node");
        node.put("apiVersion", "v1");
        node.put("metadata", metadata);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("providerID", "k3s://" + record.name());
        List<Object> taints = new ArrayList<>();
        record.taints().forEach(taint -> taints.add(taint(taint)));
        if (!taints.isEmpty()) {
            spec.put("taints", taints);
        }
        node.put("spec", spec);
        return reregistered(node, record, now);
    }

    /**
     * The Node after a later registration (a restart), as K3s and the kubelet bring a registered
     * node up to date: the record's labels (the defaults, a server's roles, {@code node-label})
     * merged over the node's, so a label dropped from {@code node-label} stays (pkg/agent/run.go
     * updateMutableLabels: {@code labels.Merge}); the taints left as they are, since the kubelet
     * registers {@code node-taint} ({@code --register-with-taints}) only when it creates the Node;
     * the uid, the creation time, other annotations and {@code spec.unschedulable} kept.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> reregistered(Map<String, Object> existing, NodeRecord record, Instant now) {
        Map<String, Object> node = copy(existing);
        Map<String, Object> metadata = (Map<String, Object>) node.get("metadata");
        Map<String, Object> labels = new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("labels", Map.of()));
        labels.putAll(record.allLabels());
        metadata.put("labels", labels);
        Map<String, Object> annotations = new LinkedHashMap<>((Map<String, Object>) metadata.getOrDefault("annotations", Map.of()));
        annotations.put("k3s.io/hostname", record.name());
        annotations.put("k3s.io/internal-ip", record.internalIp());
        metadata.put("annotations", annotations);
        Map<String, Object> spec = (Map<String, Object>) node.computeIfAbsent("spec", key -> new LinkedHashMap<>());
        spec.put("providerID", "k3s://" + record.name());
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("addresses", List.of(Json.object("type", "InternalIP", "address", record.internalIp()),
                Json.object("type", "Hostname", "address", record.name())));
        status.put("conditions", List.of(readyCondition(now, now)));
        status.put("nodeInfo", nodeInfo(record));
        node.put("status", status);
        return node;
    }

    /**
     * The status patch of a kubelet's first status update after it starts (kubelet_node_status.go
     * setNodeStatus): its node info, versions included, and Ready. An update of the Node itself
     * keeps the status (the registry's PrepareForUpdate), so this is how a node restarted on another
     * release shows its new version.
     */
    public static Map<String, Object> startStatusPatch(NodeRecord record, Instant now) {
        return Json.object("status", Json.object("nodeInfo", nodeInfo(record), "conditions", List.of(readyCondition(now, null))));
    }

    private static Map<String, Object> nodeInfo(NodeRecord record) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("kubeletVersion", record.kubeletVersion());
        info.put("kubeProxyVersion", record.kubeletVersion());
        info.put("containerRuntimeVersion", "containerd://1.7.23-k3s2");
        info.put("kernelVersion", record.kernelVersion());
        info.put("osImage", "Debian GNU/Linux 12 (bookworm)");
        info.put("operatingSystem", "linux");
        info.put("architecture", "amd64");
        return info;
    }

    /** The status patch a kubelet's heartbeat sends (strategic merge: the Ready condition, merged by type). */
    public static Map<String, Object> heartbeatPatch(Instant now) {
        return Json.object("status", Json.object("conditions", List.of(readyCondition(now, null))));
    }

    /** The node as read: Ready turned Unknown (NodeStatusUnknown) once its heartbeat is older than {@code grace}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> observed(Map<String, Object> stored, Instant now, Duration grace) {
        Map<String, Object> node = copy(stored);
        Map<String, Object> status = (Map<String, Object>) node.get("status");
        if (status == null) {
            return node;
        }
        List<Object> conditions = new ArrayList<>();
        for (Map<String, Object> condition : (List<Map<String, Object>>) status.getOrDefault("conditions", List.of())) {
            Object heartbeat = condition.get("lastHeartbeatTime");
            if ("Ready".equals(condition.get("type")) && heartbeat != null
                    && Duration.between(Instant.parse(String.valueOf(heartbeat)), now).compareTo(grace) > 0) {
                Map<String, Object> unknown = new LinkedHashMap<>(condition);
                unknown.put("status", "Unknown");
                unknown.put("reason", "NodeStatusUnknown");
                unknown.put("message", "Kubelet stopped posting node status.");
                conditions.add(unknown);
            } else {
                conditions.add(condition);
            }
        }
        status.put("conditions", conditions);
        return node;
    }

    @SuppressWarnings("unchecked")
    public static boolean isServer(Map<String, Object> node) {
        Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) node.get("metadata")).getOrDefault("labels", Map.of());
        return "true".equals(labels.get(CONTROL_PLANE_LABEL));
    }

    @SuppressWarnings("unchecked")
    public static String internalIp(Map<String, Object> node) {
        Map<String, Object> status = (Map<String, Object>) node.getOrDefault("status", Map.of());
        for (Map<String, Object> address : (List<Map<String, Object>>) status.getOrDefault("addresses", List.of())) {
            if ("InternalIP".equals(address.get("type"))) {
                return String.valueOf(address.get("address"));
            }
        }
        return "";
    }

    /** {@code key=value:Effect} (or {@code key:Effect}) as a v1 Taint. */
    static Map<String, Object> taint(String text) {
        String[] keyAndEffect = text.split(":", 2);
        String[] keyAndValue = keyAndEffect[0].split("=", 2);
        Map<String, Object> taint = new LinkedHashMap<>();
        taint.put("key", keyAndValue[0]);
        if (keyAndValue.length > 1) {
            taint.put("value", keyAndValue[1]);
        }
        taint.put("effect", keyAndEffect.length > 1 ? keyAndEffect[1] : "NoSchedule");
        return taint;
    }

    private static Map<String, Object> readyCondition(Instant heartbeat, Instant transition) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Ready");
        condition.put("status", "True");
        condition.put("lastHeartbeatTime", timestamp(heartbeat));
        if (transition != null) {
            condition.put("lastTransitionTime", timestamp(transition));
        }
        condition.put("reason", "KubeletReady");
        condition.put("message", "kubelet is posting ready status");
        return condition;
    }

    /** metav1.Time's JSON form: RFC 3339 in UTC, whole seconds. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> node) {
        return (Map<String, Object>) io.k3j.k3sdouble.Json.copy(node);
    }
}
