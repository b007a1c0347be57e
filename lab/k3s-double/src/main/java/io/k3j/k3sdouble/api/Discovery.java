package io.k3j.k3sdouble.api;

import io.k3j.k3sdouble.Json;

import io.k3j.k3sdouble.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The apiserver's discovery documents, for the resources in {@link ServedResource#ALL}:
 * {@code /version} (version.Info), {@code /api} (APIVersions), {@code /apis} (APIGroupList),
 * {@code /api/v1} and {@code /apis/G/V} (APIResourceList), and the aggregated form
 * (apidiscovery.k8s.io v2 and v2beta1 APIGroupDiscoveryList) for a client that asks for it in
 * Accept. client-go (staging/src/k8s.io/client-go/discovery/discovery_client.go) asks for the
 * aggregated form first and falls back to the legacy documents when the response's Content-Type
 * is plain {@code application/json}; older kubectl asks only for the legacy ones.
 */
public final class Discovery {
    private final List<ServedResource> resources;

    public Discovery(List<ServedResource> resources) {
        this.resources = List.copyOf(resources);
    }

    /**
     * version.Info (k8s.io/apimachinery/pkg/version) of the K3s release the double is: gitVersion
     * v1.31.4+k3s1, major 1, minor 31, gitCommit the release's whole commit (as K3s' kubectl version shows it).
     */
    public static Map<String, Object> version(Version version) {
        String[] numbers = version.version().substring(1).split("[.+-]");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("major", numbers[0]);
        info.put("minor", numbers[1]);
        info.put("gitVersion", version.version());
        info.put("gitCommit", version.commit());
        info.put("gitTreeState", "clean");
        info.put("buildDate", version.buildDate());
        info.put("goVersion", version.go());
        info.put("compiler", "gc");
        info.put("platform", "linux/amd64");
        return info;
    }

    /** The aggregated discovery version the Accept header asks for (v2 before v2beta1), if any. */
    public static Optional<String> aggregatedVersionAsked(String accept) {
        if (accept == null) {
            return Optional.empty();
        }
        for (String type : accept.split(",")) {
            MediaType media = MediaType.parse(type);
            if (media.is("application/json") && "apidiscovery.k8s.io".equals(media.parameter("g"))
                    && "APIGroupDiscoveryList".equals(media.parameter("as"))
                    && ("v2".equals(media.parameter("v")) || "v2beta1".equals(media.parameter("v")))) {
                return Optional.of(media.parameter("v"));
            }
        }
        return Optional.empty();
    }

    /** The Content-Type of an aggregated answer, which is how client-go tells it from the legacy one. */
    public static String aggregatedContentType(String version) {
        return "application/json;g=apidiscovery.k8s.io;v=" + version + ";as=APIGroupDiscoveryList";
    }

    /** GET /api: APIVersions. */
    public Map<String, Object> legacyVersions(String serverAddress) {
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("kind", "APIVersions");
        versions.put("versions", List.of("v1"));
        versions.put("serverAddressByClientCIDRs", List.of(Json.object("clientCIDR", "0.0.0.0/0", "serverAddress", serverAddress)));
        return versions;
    }

    /** GET /apis: APIGroupList of every named group. */
    public Map<String, Object> groupList() {
        List<Object> groups = new ArrayList<>();
        for (String group : groups()) {
            groups.add(group(group).orElseThrow());
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        list.put("groups", groups);
        return list;
    }

    /** GET /apis/G: APIGroup. */
    public Optional<Map<String, Object>> group(String group) {
        List<String> versions = versions(group);
        if (group.isEmpty() || versions.isEmpty()) {
            return Optional.empty();
        }
        List<Object> forDiscovery = versions.stream().map(version -> (Object) Json.object("groupVersion", group + "/" + version,
                "version", version)).toList();
        Map<String, Object> apiGroup = new LinkedHashMap<>();
        apiGroup.put("kind", "APIGroup");
        apiGroup.put("apiVersion", "v1");
        apiGroup.put("name", group);
        apiGroup.put("versions", forDiscovery);
        apiGroup.put("preferredVersion", forDiscovery.get(0));
        return Optional.of(apiGroup);
    }

    /** GET /api/v1 or /apis/G/V: APIResourceList, subresources as {@code nodes/status}. */
    public Optional<Map<String, Object>> resourceList(String group, String version) {
        List<ServedResource> served = resources.stream().filter(r -> r.group().equals(group) && r.version().equals(version)).toList();
        if (served.isEmpty()) {
            return Optional.empty();
        }
        List<Object> entries = new ArrayList<>();
        for (ServedResource resource : served) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", resource.name());
            entry.put("singularName", resource.singular());
            entry.put("namespaced", resource.namespaced());
            entry.put("kind", resource.kind());
            entry.put("verbs", resource.verbs());
            if (!resource.shortNames().isEmpty()) {
                entry.put("shortNames", resource.shortNames());
            }
            entries.add(entry);
            for (ServedResource.Subresource sub : resource.subresources()) {
                Map<String, Object> subEntry = new LinkedHashMap<>();
                subEntry.put("name", resource.name() + "/" + sub.name());
                subEntry.put("singularName", "");
                subEntry.put("namespaced", resource.namespaced());
                if (!sub.group().equals(group)) {
                    subEntry.put("group", sub.group());
                    subEntry.put("version", sub.version());
                }
                subEntry.put("kind", sub.kind());
                subEntry.put("verbs", sub.verbs());
                entries.add(subEntry);
            }
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        list.put("resources", entries);
        return Optional.of(list);
    }

    /** GET /api (legacy: true) or /apis in the aggregated form: APIGroupDiscoveryList of apidiscovery.k8s.io/{version}. */
    public Map<String, Object> aggregated(boolean legacy, String discoveryVersion) {
        List<Object> items = new ArrayList<>();
        for (String group : legacy ? List.of("") : groups()) {
            List<Object> versions = new ArrayList<>();
            for (String version : versions(group)) {
                List<Object> served = new ArrayList<>();
                resources.stream().filter(r -> r.group().equals(group) && r.version().equals(version))
                        .forEach(resource -> served.add(aggregatedResource(resource)));
                versions.add(Json.object("version", version, "resources", served, "freshness", "Current"));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", group);
            metadata.put("creationTimestamp", null);
            items.add(Json.object("metadata", metadata, "versions", versions));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", "APIGroupDiscoveryList");
        list.put("apiVersion", "apidiscovery.k8s.io/" + discoveryVersion);
        list.put("metadata", Json.object());
        list.put("items", items);
        return list;
    }

    private static Map<String, Object> aggregatedResource(ServedResource resource) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("resource", resource.name());
        entry.put("responseKind", Json.object("group", resource.group(), "version", resource.version(), "kind", resource.kind()));
        entry.put("scope", resource.namespaced() ? "Namespaced" : "Cluster");
        entry.put("singularResource", resource.singular());
        entry.put("verbs", resource.verbs());
        if (!resource.shortNames().isEmpty()) {
            entry.put("shortNames", resource.shortNames());
        }
        List<Object> subresources = new ArrayList<>();
        for (ServedResource.Subresource sub : resource.subresources()) {
            subresources.add(Json.object("subresource", sub.name(),
                    "responseKind", Json.object("group", sub.group(), "version", sub.version(), "kind", sub.kind()), "verbs", sub.verbs()));
        }
        if (!subresources.isEmpty()) {
            entry.put("subresources", subresources);
        }
        return entry;
    }

    private List<String> groups() {
        Set<String> groups = new LinkedHashSet<>();
        resources.stream().map(ServedResource::group).filter(group -> !group.isEmpty()).forEach(groups::add);
        return List.copyOf(groups);
    }

    private List<String> versions(String group) {
        Set<String> versions = new LinkedHashSet<>();
        resources.stream().filter(r -> r.group().equals(group)).map(ServedResource::version).forEach(versions::add);
        return List.copyOf(versions);
    }
}
