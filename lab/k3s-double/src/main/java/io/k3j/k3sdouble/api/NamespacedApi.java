package io.k3j.k3sdouble.api;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.objects.ObjectRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A namespaced resource (pods, poddisruptionbudgets, daemonsets) over its {@link ObjectRegistry}:
 * list in one namespace or all (label and field selectors), get, create, delete. The namespace must
 * exist ({@link Namespaces}). A pod is a record: no container runs; one created bound to a node
 * ({@code spec.nodeName}) is Running and Ready at once.
 */
public final class NamespacedApi {
    /** What the API calls the resource, and the fields a fieldSelector may use. */
    public record Kind(String resource, String kind, String apiVersion, List<String> fields) {
        public static final Kind PODS = new Kind("pods", "Pod", "v1",
                List.of("metadata.name", "metadata.namespace", "spec.nodeName", "status.phase"));
        public static final Kind PODDISRUPTIONBUDGETS = new Kind("poddisruptionbudgets", "PodDisruptionBudget", "policy/v1",
                List.of("metadata.name", "metadata.namespace"));
        public static final Kind DAEMONSETS = new Kind("daemonsets", "DaemonSet", "apps/v1", List.of("metadata.name", "metadata.namespace"));
    }

    private final ObjectRegistry registry;
    private final Kind kind;
    private final Clock clock;

    public NamespacedApi(ObjectRegistry registry, Kind kind, Clock clock) {
        this.registry = registry;
        this.kind = kind;
        this.clock = clock;
    }

    public Kind kind() {
        return kind;
    }

    /** The objects as a v1 list ({@code PodList}, ...), in namespace and name order. */
    public Map<String, Object> list(Caller caller, Optional<String> namespace, String labelSelector, String fieldSelector) throws ApiError {
        authorize(caller, "list", "");
        LabelSelector labels = LabelSelector.parse(labelSelector);
        FieldSelector fields = FieldSelector.parse(fieldSelector, kind.fields());
        List<Object> items = new ArrayList<>();
        long revision = 0;
        for (ObjectRegistry.Stored stored : Storage.call(() -> registry.list(namespace))) {
            revision = Math.max(revision, stored.revision());
            if (labels.matches(Meta.labels(stored.object())) && fields.matches(field -> field(stored.object(), field))) {
                items.add(stored.object());
            }
        }
        return Json.object("kind", kind.kind() + "List", "apiVersion", kind.apiVersion(),
                "metadata", Json.object("resourceVersion", String.valueOf(revision)), "items", items);
    }

    /** The objects of a namespace, for what reads them whole (eviction reads the budgets and pods). */
    List<Map<String, Object>> all(String namespace) throws ApiError {
        List<Map<String, Object>> objects = new ArrayList<>();
        Storage.call(() -> registry.list(Optional.of(namespace))).forEach(stored -> objects.add(stored.object()));
        return objects;
    }

    public Map<String, Object> get(Caller caller, String namespace, String name) throws ApiError {
        authorize(caller, "get", name);
        return current(namespace, name).object();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> create(Caller caller, String namespace, Map<String, Object> body) throws ApiError {
        Map<String, Object> object = (Map<String, Object>) Json.copy(body);
        Map<String, Object> metadata = (Map<String, Object>) object.computeIfAbsent("metadata", key -> new LinkedHashMap<>());
        String name = String.valueOf(metadata.getOrDefault("name", ""));
        authorize(caller, "create", name);
        Namespaces.require(namespace);
        if (name.isEmpty()) {
            throw ApiError.invalid(kind.kind(), "", "metadata.name", "Required value: name or generateName is required");
        }
        metadata.put("namespace", namespace);
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", NodeObjects.timestamp(clock.instant()));
        object.put("kind", kind.kind());
        object.put("apiVersion", kind.apiVersion());
        if (kind == Kind.PODS) {
            object.put("status", podStatus((Map<String, Object>) object.getOrDefault("spec", Map.of())));
        }
        if (!Storage.call(() -> registry.create(namespace, name, object))) {
            throw ApiError.alreadyExists(kind.resource(), name);
        }
        return get(caller, namespace, name);
    }

    public Map<String, Object> delete(Caller caller, String namespace, String name, Optional<String> resourceVersion) throws ApiError {
        authorize(caller, "delete", name);
        ObjectRegistry.Stored current = current(namespace, name);
        if (resourceVersion.isPresent() && !resourceVersion.get().equals(String.valueOf(current.revision()))) {
            throw ApiError.conflict(kind.resource(), name);
        }
        if (!Storage.call(() -> registry.delete(namespace, name, current.revision()))) {
            throw ApiError.conflict(kind.resource(), name);
        }
        return current.object();
    }

    /** A pod runs as soon as it is bound: Running and Ready; unbound, Pending. */
    private Map<String, Object> podStatus(Map<String, Object> spec) {
        boolean bound = spec.get("nodeName") != null;
        String now = NodeObjects.timestamp(clock.instant());
        return Json.object("phase", bound ? "Running" : "Pending", "conditions", bound
                ? List.of(Json.object("type", "Ready", "status", "True", "lastTransitionTime", now)) : List.of(), "startTime", now);
    }

    @SuppressWarnings("unchecked")
    static String field(Map<String, Object> object, String field) {
        String[] path = field.split("\\.");
        Object current = object;
        for (String part : path) {
            current = current instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(part) : null;
        }
        return current == null ? "" : String.valueOf(current);
    }

    private ObjectRegistry.Stored current(String namespace, String name) throws ApiError {
        return Storage.call(() -> registry.get(namespace, name)).orElseThrow(() -> ApiError.notFound(kind.resource(), name));
    }

    private void authorize(Caller caller, String verb, String name) throws ApiError {
        if (!caller.may(verb, kind.resource(), name)) {
            throw ApiError.forbidden(caller.user(), verb, kind.resource(), name);
        }
    }
}
