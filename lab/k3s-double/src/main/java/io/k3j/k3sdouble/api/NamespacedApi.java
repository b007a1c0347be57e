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
 * A namespaced resource (pods, poddisruptionbudgets, daemonsets, leases) over its {@link ObjectRegistry}:
 * list in one namespace or all (label and field selectors), get, create, delete, and for a kind that
 * allows it update (PUT) and patch, each write at the object's resourceVersion (409 Conflict when
 * another writer came first). The namespace must exist ({@link Namespaces}). A pod is a record: no
 * container runs; one created bound to a node ({@code spec.nodeName}) is Running and Ready at once.
 */
public final class NamespacedApi {
    private static final int PATCH_ATTEMPTS = 10;

    /**
     * What the API calls the resource, the fields a fieldSelector may use, and whether it is written
     * by PUT and PATCH too (with its strategy's AllowCreateOnUpdate: a PUT of a missing object creates it).
     */
    public record Kind(String resource, String kind, String apiVersion, List<String> fields, boolean updatable, boolean createOnUpdate) {
        public static final Kind PODS = new Kind("pods", "Pod", "v1",
                List.of("metadata.name", "metadata.namespace", "spec.nodeName", "status.phase"), false, false);
        public static final Kind PODDISRUPTIONBUDGETS = new Kind("poddisruptionbudgets", "PodDisruptionBudget", "policy/v1",
                List.of("metadata.name", "metadata.namespace"), false, false);
        public static final Kind DAEMONSETS = new Kind("daemonsets", "DaemonSet", "apps/v1", List.of("metadata.name", "metadata.namespace"),
                false, false);
        /** coordination.k8s.io/v1: pkg/registry/coordination/lease/strategy.go (AllowCreateOnUpdate true, AllowUnconditionalUpdate false). */
        public static final Kind LEASES = new Kind("leases", "Lease", "coordination.k8s.io/v1", List.of("metadata.name", "metadata.namespace"),
                true, true);

        /** The resource as the apiserver's errors name it: {@code leases.coordination.k8s.io}, {@code pods}. */
        public String qualified() {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? resource : resource + "." + apiVersion.substring(0, slash);
        }
    }

    /** What a PUT did: replaced the object, or (a kind with AllowCreateOnUpdate) created it, 201 then. */
    public record Written(boolean created, Map<String, Object> object) {
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
        validate(name, object);
        if (!Storage.call(() -> registry.create(namespace, name, object))) {
            throw ApiError.alreadyExists(kind.qualified(), name);
        }
        return get(caller, namespace, name);
    }

    /**
     * PUT: the body replaces the object if it names the object's current resourceVersion (none: 422,
     * as for every kind without AllowUnconditionalUpdate; another: 409); a missing object is created.
     */
    @SuppressWarnings("unchecked")
    public Written update(Caller caller, String namespace, String name, Map<String, Object> body) throws ApiError {
        authorize(caller, "update", name);
        Map<String, Object> metadata = (Map<String, Object>) body.getOrDefault("metadata", Map.of());
        if (!name.equals(metadata.get("name"))) {
            throw ApiError.badRequest("the name of the object (" + metadata.get("name") + ") does not match the name on the URL (" + name + ")");
        }
        if (metadata.get("namespace") != null && !namespace.equals(metadata.get("namespace"))) {
            throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        Optional<ObjectRegistry.Stored> current = Storage.call(() -> registry.get(namespace, name));
        if (current.isEmpty()) {
            if (!kind.createOnUpdate()) {
                throw ApiError.notFound(kind.qualified(), name);
            }
            Map<String, Object> fresh = (Map<String, Object>) Json.copy(body);
            ((Map<String, Object>) fresh.get("metadata")).remove("resourceVersion");
            return new Written(true, create(caller, namespace, fresh));
        }
        Object resourceVersion = metadata.get("resourceVersion");
        if (resourceVersion == null || String.valueOf(resourceVersion).isEmpty()) {
            throw ApiError.invalid(kind.qualified(), name, "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update");
        }
        if (!String.valueOf(current.get().revision()).equals(String.valueOf(resourceVersion))) {
            throw ApiError.conflict(kind.qualified(), name);
        }
        Map<String, Object> replacement = replacement(current.get().object(), body);
        if (!Storage.call(() -> registry.update(namespace, name, current.get().revision(), replacement))) {
            throw ApiError.conflict(kind.qualified(), name);
        }
        return new Written(false, current(namespace, name).object());
    }

    /** PATCH (the three patch types): applied to the current object and written at its revision, retried when another writer came first. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> patch(Caller caller, String namespace, String name, String contentType, Object patch) throws ApiError {
        authorize(caller, "patch", name);
        for (int attempt = 0; attempt < PATCH_ATTEMPTS; attempt++) {
            ObjectRegistry.Stored current = current(namespace, name);
            Map<String, Object> patched = Patch.apply(contentType, current.object(), patch);
            Object asked = ((Map<String, Object>) patched.getOrDefault("metadata", Map.of())).get("resourceVersion");
            if (asked != null && !String.valueOf(current.revision()).equals(String.valueOf(asked))) {
                throw ApiError.conflict(kind.qualified(), name);
            }
            Map<String, Object> replacement = replacement(current.object(), patched);
            if (Storage.call(() -> registry.update(namespace, name, current.revision(), replacement))) {
                return current(namespace, name).object();
            }
        }
        throw ApiError.conflict(kind.qualified(), name);
    }

    /** What a write keeps of the stored object: its identity (name, namespace, uid, creationTimestamp), kind and apiVersion; validated. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> replacement(Map<String, Object> stored, Map<String, Object> body) throws ApiError {
        Map<String, Object> result = (Map<String, Object>) Json.copy(body);
        Map<String, Object> metadata = (Map<String, Object>) result.computeIfAbsent("metadata", key -> new LinkedHashMap<>());
        Map<String, Object> storedMeta = (Map<String, Object>) stored.get("metadata");
        for (String kept : List.of("name", "namespace", "uid", "creationTimestamp")) {
            metadata.put(kept, storedMeta.get(kept));
        }
        result.put("kind", kind.kind());
        result.put("apiVersion", kind.apiVersion());
        validate(String.valueOf(storedMeta.get("name")), result);
        return result;
    }

    /** A Lease's spec as pkg/apis/coordination/validation ValidateLeaseSpec checks it; the other kinds are taken as they come. */
    @SuppressWarnings("unchecked")
    private void validate(String name, Map<String, Object> object) throws ApiError {
        if (kind == Kind.LEASES && object.get("spec") instanceof Map<?, ?> spec) {
            Validation.leaseSpec(name, (Map<String, Object>) spec);
        }
    }

    public Map<String, Object> delete(Caller caller, String namespace, String name, Optional<String> resourceVersion) throws ApiError {
        authorize(caller, "delete", name);
        ObjectRegistry.Stored current = current(namespace, name);
        if (resourceVersion.isPresent() && !resourceVersion.get().equals(String.valueOf(current.revision()))) {
            throw ApiError.conflict(kind.qualified(), name);
        }
        if (!Storage.call(() -> registry.delete(namespace, name, current.revision()))) {
            throw ApiError.conflict(kind.qualified(), name);
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
        return Storage.call(() -> registry.get(namespace, name)).orElseThrow(() -> ApiError.notFound(kind.qualified(), name));
    }

    private void authorize(Caller caller, String verb, String name) throws ApiError {
        if (!caller.may(verb, kind.resource(), name)) {
            throw ApiError.forbidden(caller.user(), verb, kind.resource(), name);
        }
    }
}
