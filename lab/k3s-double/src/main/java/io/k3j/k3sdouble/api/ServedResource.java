package io.k3j.k3sdouble.api;

import java.util.List;

/**
 * A resource type the double's apiserver serves, with what discovery tells about it (as
 * {@code kubectl api-resources} lists it on K3s): group, version, plural and singular name, kind,
 * scope, verbs, short names and subresources.
 */
public record ServedResource(String group, String version, String name, String singular, String kind, boolean namespaced,
                             List<String> verbs, List<String> shortNames, List<Subresource> subresources) {

    public record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    }

    public String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** What the double serves today; each one is in docs/k3s-double.md. */
    public static final List<ServedResource> ALL = List.of(
            new ServedResource("", "v1", "nodes", "node", "Node", false,
                    List.of("create", "delete", "get", "list", "patch", "update", "watch"), List.of("no"),
                    List.of(new Subresource("status", "", "v1", "Node", List.of("get", "patch", "update")))),
            new ServedResource("", "v1", "namespaces", "namespace", "Namespace", false, List.of("get", "list"), List.of("ns"), List.of()),
            new ServedResource("", "v1", "pods", "pod", "Pod", true, List.of("create", "delete", "get", "list"), List.of("po"),
                    List.of(new Subresource("eviction", "policy", "v1", "Eviction", List.of("create")))),
            new ServedResource("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, List.of("create", "delete", "get", "list"),
                    List.of("ds"), List.of()),
            new ServedResource("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", true,
                    List.of("create", "delete", "get", "list"), List.of("pdb"), List.of()),
            new ServedResource("coordination.k8s.io", "v1", "leases", "lease", "Lease", true,
                    List.of("create", "delete", "get", "list", "patch", "update"), List.of(), List.of()));
}
