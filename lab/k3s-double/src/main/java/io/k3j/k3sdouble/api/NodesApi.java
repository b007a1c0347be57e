package io.k3j.k3sdouble.api;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code nodes} resource of the core API over the {@link NodeRegistry}: list (label and field
 * selectors, pages), get, create, update (PUT), patch (the three patch types), delete, each with
 * the apiserver's checks: who may (see {@link Caller#may}), a stale resourceVersion (409), an
 * invalid object (422); {@code /status} writes only the status.
 */
public final class NodesApi {
    private static final int PATCH_ATTEMPTS = 10;

    private final NodeRegistry registry;
    private final Duration grace;
    private final Clock clock;

    public NodesApi(NodeRegistry registry, Duration grace, Clock clock) {
        this.registry = registry;
        this.grace = grace;
        this.clock = clock;
    }

    /** The nodes a list selects, as read now, in name order, and the list's resourceVersion. */
    public record Listed(List<Map<String, Object>> nodes, long resourceVersion) {
    }

    public Listed list(Caller caller, String labelSelector, String fieldSelector) throws ApiError {
        authorize(caller, "list", "");
        LabelSelector labels = LabelSelector.parse(labelSelector);
        FieldSelector fields = FieldSelector.parse(fieldSelector, FieldSelector.NODE_FIELDS);
        List<Map<String, Object>> nodes = new ArrayList<>();
        long revision = 0;
        for (NodeRegistry.Stored stored : Storage.call(registry::list)) {
            revision = Math.max(revision, stored.revision());
            Map<String, Object> node = observed(stored);
            if (labels.matches(Meta.labels(node)) && fields.matches(field -> FieldSelector.nodeField(node, field))) {
                nodes.add(node);
            }
        }
        return new Listed(nodes, revision);
    }

    /** A v1 NodeList of one page. */
    public Map<String, Object> listObject(Listed listed, Page<Map<String, Object>> page) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "NodeList");
        list.put("apiVersion", "v1");
        list.put("metadata", listMeta(listed, page));
        list.put("items", page.items());
        return list;
    }

    public static Map<String, Object> listMeta(Listed listed, Page<Map<String, Object>> page) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("resourceVersion", String.valueOf(listed.resourceVersion()));
        if (!page.continueToken().isEmpty()) {
            meta.put("continue", page.continueToken());
            meta.put("remainingItemCount", page.remaining());
        }
        return meta;
    }

    public Map<String, Object> get(Caller caller, String name) throws ApiError {
        authorize(caller, "get", name);
        return observed(current(name));
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> create(Caller caller, Map<String, Object> node) throws ApiError {
        Map<String, Object> metadata = (Map<String, Object>) node.getOrDefault("metadata", Map.of());
        String name = String.valueOf(metadata.getOrDefault("name", ""));
        authorize(caller, "create", name);
        if (name.isEmpty()) {
            throw ApiError.invalid("Node", "", "metadata.name", "Required value: name or generateName is required");
        }
        Validation.node(name, node);
        Map<String, Object> created = (Map<String, Object>) Json.copy(node);
        Map<String, Object> createdMeta = (Map<String, Object>) created.get("metadata");
        createdMeta.put("uid", UUID.randomUUID().toString());
        createdMeta.put("creationTimestamp", NodeObjects.timestamp(clock.instant()));
        created.put("kind", "Node");
        created.put("apiVersion", "v1");
        if (!Storage.call(() -> registry.create(name, created))) {
            throw ApiError.alreadyExists("nodes", name);
        }
        return get(caller, name);
    }

    /** PUT: the body replaces the node if it names the node's current resourceVersion. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> update(Caller caller, String name, Map<String, Object> body, boolean statusOnly) throws ApiError {
        authorize(caller, "update", name);
        Map<String, Object> metadata = (Map<String, Object>) body.getOrDefault("metadata", Map.of());
        if (!name.equals(metadata.get("name"))) {
            throw ApiError.badRequest("the name of the object (" + metadata.get("name") + ") does not match the name on the URL (" + name + ")");
        }
        Object resourceVersion = metadata.get("resourceVersion");
        if (resourceVersion == null || String.valueOf(resourceVersion).isEmpty()) {
            throw ApiError.invalid("Node", name, "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update");
        }
        NodeRegistry.Stored current = current(name);
        if (!String.valueOf(current.revision()).equals(String.valueOf(resourceVersion))) {
            throw ApiError.conflict("nodes", name);
        }
        write(name, current, replacement(current.node(), body, statusOnly));
        return get(caller, name);
    }

    /** PATCH: applied to the current node and written at its revision, retried when another writer came first (as the apiserver does). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> patch(Caller caller, String name, String contentType, Object patch, boolean statusOnly) throws ApiError {
        authorize(caller, "patch", name);
        for (int attempt = 0; attempt < PATCH_ATTEMPTS; attempt++) {
            NodeRegistry.Stored current = current(name);
            Map<String, Object> patched = Patch.apply(contentType, current.node(), patch);
            Object asked = ((Map<String, Object>) patched.getOrDefault("metadata", Map.of())).get("resourceVersion");
            if (asked != null && !String.valueOf(current.revision()).equals(String.valueOf(asked))) {
                throw ApiError.conflict("nodes", name);
            }
            Map<String, Object> replacement = replacement(current.node(), patched, statusOnly);
            Validation.node(name, replacement);
            if (Storage.call(() -> registry.update(name, current.revision(), replacement))) {
                return get(caller, name);
            }
        }
        throw ApiError.conflict("nodes", name);
    }

    /** DELETE, with the resourceVersion precondition of DeleteOptions if given; answers the deleted node. */
    public Map<String, Object> delete(Caller caller, String name, Optional<String> resourceVersion) throws ApiError {
        authorize(caller, "delete", name);
        NodeRegistry.Stored current = current(name);
        if (resourceVersion.isPresent() && !resourceVersion.get().equals(String.valueOf(current.revision()))) {
            throw new ApiError(409, "Conflict", "Operation cannot be fulfilled on nodes \"" + name + "\": Precondition failed: "
                    + "ResourceVersion in precondition: " + resourceVersion.get() + ", ResourceVersion in object meta: "
                    + current.revision(), Map.of("name", name, "kind", "nodes"));
        }
        if (!Storage.call(() -> registry.delete(name, current.revision()))) {
            throw ApiError.conflict("nodes", name);
        }
        return observed(current);
    }

    /** What a write keeps of the stored node: its identity; with /status only the status changes, otherwise everything but the status. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> replacement(Map<String, Object> stored, Map<String, Object> body, boolean statusOnly) {
        Map<String, Object> result = (Map<String, Object>) Json.copy(statusOnly ? stored : body);
        if (statusOnly) {
            result.put("status", Json.copy(body.get("status")));
        } else {
            result.put("status", Json.copy(stored.get("status")));
        }
        // Empty values are left out, as Go's omitempty leaves them out of what the apiserver stores.
        if (result.get("spec") instanceof Map<?, ?> spec) {
            if (spec.get("taints") instanceof List<?> taints && taints.isEmpty()) {
                spec.remove("taints");
            }
            if (Boolean.FALSE.equals(spec.get("unschedulable"))) {
                spec.remove("unschedulable");
            }
        }
        Map<String, Object> metadata = (Map<String, Object>) result.computeIfAbsent("metadata", key -> new LinkedHashMap<>());
        Map<String, Object> storedMeta = (Map<String, Object>) stored.get("metadata");
        for (String kept : List.of("name", "uid", "creationTimestamp")) {
            metadata.put(kept, storedMeta.get(kept));
        }
        result.put("kind", "Node");
        result.put("apiVersion", "v1");
        return result;
    }

    private void write(String name, NodeRegistry.Stored current, Map<String, Object> replacement) throws ApiError {
        Validation.node(name, replacement);
        if (!Storage.call(() -> registry.update(name, current.revision(), replacement))) {
            throw ApiError.conflict("nodes", name);
        }
    }

    private NodeRegistry.Stored current(String name) throws ApiError {
        return Storage.call(() -> registry.get(name)).orElseThrow(() -> ApiError.notFound("nodes", name));
    }

    private Map<String, Object> observed(NodeRegistry.Stored stored) {
        return NodeObjects.observed(stored.node(), clock.instant(), grace);
    }

    private static void authorize(Caller caller, String verb, String name) throws ApiError {
        if (!caller.may(verb, "nodes", name)) {
            throw ApiError.forbidden(caller.user(), verb, "nodes", name);
        }
    }
}
