package io.k3j.k3sdouble.api;

import io.k3j.k3sdouble.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The namespaces every K3s cluster has (the apiserver makes default, kube-system, kube-public and
 * kube-node-lease at start): listed and read; the double makes no others.
 */
public final class Namespaces {
    public static final List<String> NAMES = List.of("default", "kube-node-lease", "kube-public", "kube-system");

    private Namespaces() {
    }

    static void require(String namespace) throws ApiError {
        if (!NAMES.contains(namespace)) {
            throw ApiError.notFound("namespaces", namespace);
        }
    }

    static Map<String, Object> get(String name) throws ApiError {
        require(name);
        return Json.object("kind", "Namespace", "apiVersion", "v1",
                "metadata", Json.object("name", name, "labels", Json.object("kubernetes.io/metadata.name", name)),
                "spec", Json.object("finalizers", List.of("kubernetes")), "status", Json.object("phase", "Active"));
    }

    static Map<String, Object> list() throws ApiError {
        List<Object> items = new ArrayList<>();
        for (String name : NAMES) {
            items.add(get(name));
        }
        return Json.object("kind", "NamespaceList", "apiVersion", "v1", "metadata", Json.object("resourceVersion", "1"), "items", items);
    }
}
