package io.k3j.k3sdouble.api;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.Version;
import java.util.List;
import java.util.Map;

/**
 * The one Service every cluster has, {@code default/kubernetes} (the apiserver's own, on K3s'
 * first service address 10.43.0.1), listed across namespaces as a kubelet lists Services for the
 * pods' environment. The fields a selector may name depend on the apiserver's version, and that
 * is one of the skews the version-skew policy forbids (a kubelet newer than the apiserver):
 * kube-apiserver 1.31 added {@code spec.clusterIP} and {@code spec.type} to the Service's
 * selectable fields (kubernetes PR #123905), and a 1.31 kubelet lists with
 * {@code spec.clusterIP!=None}. A 1.30 apiserver has no field conversion for Services, so
 * apimachinery's DefaultMetaV1FieldSelectorConversion refuses the field:
 * {@code "spec.clusterIP" is not a known field selector: only "metadata.name", "metadata.namespace"}
 * (kubernetes#127316; the words as a kubelet logged them in k0sproject/k0s#6071).
 */
public final class Services {
    private static final List<String> META_FIELDS = List.of("metadata.name", "metadata.namespace");
    private static final List<String> FIELDS_SINCE_1_31 = List.of("metadata.name", "metadata.namespace", "spec.clusterIP", "spec.type");
    private static final Map<String, Object> KUBERNETES = Json.object("kind", "Service", "apiVersion", "v1",
            "metadata", Json.object("name", "kubernetes", "namespace", "default",
                    "labels", Json.object("component", "apiserver", "provider", "kubernetes")),
            "spec", Json.object("ports", List.of(Json.object("name", "https", "protocol", "TCP", "port", 443, "targetPort", 6443)),
                    "clusterIP", "10.43.0.1", "clusterIPs", List.of("10.43.0.1"), "type", "ClusterIP", "sessionAffinity", "None"),
            "status", Json.object("loadBalancer", Json.object()));

    private Services() {
    }

    /** The ServiceList an apiserver of {@code apiserver}'s release answers to a list with {@code fieldSelector}. */
    static Map<String, Object> list(Version apiserver, String fieldSelector) throws ApiError {
        FieldSelector selector = apiserver.minor() >= 31 ? FieldSelector.parse(fieldSelector, FIELDS_SINCE_1_31)
                : FieldSelector.parse(fieldSelector, META_FIELDS,
                        field -> "\"" + field + "\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
        List<Object> items = selector.matches(Services::field) ? List.of(KUBERNETES) : List.of();
        return Json.object("kind", "ServiceList", "apiVersion", "v1", "metadata", Json.object("resourceVersion", "1"), "items", items);
    }

    @SuppressWarnings("unchecked")
    private static String field(String name) {
        Map<String, Object> metadata = (Map<String, Object>) KUBERNETES.get("metadata");
        Map<String, Object> spec = (Map<String, Object>) KUBERNETES.get("spec");
        return switch (name) {
            case "metadata.name" -> (String) metadata.get("name");
            case "metadata.namespace" -> (String) metadata.get("namespace");
            case "spec.clusterIP" -> (String) spec.get("clusterIP");
            case "spec.type" -> (String) spec.get("type");
            default -> null;
        };
    }
}
