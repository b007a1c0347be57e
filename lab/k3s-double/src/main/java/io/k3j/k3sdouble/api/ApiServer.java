package io.k3j.k3sdouble.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.Version;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The Kubernetes API on the supervisor port, for clients with a certificate of the client CA
 * (401 without, as K3s' apiserver runs with anonymous-auth=false): discovery ({@link Discovery}),
 * the nodes ({@link NodesApi}) with Table answers for kubectl get and watches ({@link Watch}), the
 * namespaced resources ({@link NamespacedApi}: pods, budgets, daemonsets, leases, a lease's Table);
 * every failure a v1 Status ({@link ApiError}).
 */
public final class ApiServer {
    private static final String NODES = "/api/v1/nodes";

    private final Discovery discovery;
    private final NodesApi nodes;
    private final Watch watch;
    /** {@code /api/v1/namespaces/NS/pods/NAME/eviction}, {@code /apis/policy/v1/poddisruptionbudgets}, ... */
    private static final Pattern NAMESPACED = Pattern.compile(
            "(/api/v1|/apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+)(?:/([^/]+))?)?");

    private final Clock clock;
    private final Map<String, NamespacedApi> namespaced;
    private final Eviction eviction;

    /** {@code namespaced}: each namespaced resource by its collection path, {@code /api/v1/pods}, {@code /apis/apps/v1/daemonsets}. */
    public ApiServer(Discovery discovery, NodesApi nodes, Watch watch, Clock clock, Map<String, NamespacedApi> namespaced) {
        this.discovery = discovery;
        this.nodes = nodes;
        this.watch = watch;
        this.clock = clock;
        this.namespaced = Map.copyOf(namespaced);
        this.eviction = new Eviction(namespaced.get("/api/v1/pods"), namespaced.get("/apis/policy/v1/poddisruptionbudgets"));
    }

    public void handle(HttpExchange exchange) throws IOException {
        try {
            Optional<Caller> caller = caller((HttpsExchange) exchange);
            if (caller.isEmpty()) {
                throw ApiError.unauthorized();
            }
            route(exchange, caller.get());
        } catch (ApiError e) {
            HttpReply.error(exchange, e);
        } catch (RuntimeException e) {
            HttpReply.error(exchange, ApiError.internal(e.toString()));
        }
    }

    private void route(HttpExchange exchange, Caller caller) throws ApiError, IOException {
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        String method = exchange.getRequestMethod();
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/version")) {
            HttpReply.json(exchange, 200, "application/json", Discovery.version(Version.ofThisBuild()));
        } else if (path.equals("/readyz") || path.equals("/livez") || path.equals("/healthz")) {
            // kube-apiserver's health checks, answered "ok" once it serves (the supervisor answers 503 before).
            HttpReply.send(exchange, 200, "text/plain; charset=utf-8", "ok".getBytes(StandardCharsets.UTF_8));
        } else if (path.equals("/api") || path.equals("/apis")) {
            Optional<String> aggregated = Discovery.aggregatedVersionAsked(accept);
            if (aggregated.isPresent()) {
                HttpReply.json(exchange, 200, Discovery.aggregatedContentType(aggregated.get()), discovery.aggregated(path.equals("/api"), aggregated.get()));
            } else {
                HttpReply.json(exchange, 200, "application/json", path.equals("/api") ? discovery.legacyVersions(serverAddress(exchange)) : discovery.groupList());
            }
        } else if (path.equals("/api/v1")) {
            HttpReply.json(exchange, 200, "application/json", discovery.resourceList("", "v1").orElseThrow());
        } else if (path.equals("/api/v1/services")) {
            if (!method.equals("GET")) {
                throw ApiError.methodNotAllowed(method);
            }
            HttpReply.json(exchange, 200, "application/json", Services.list(Version.ofThisBuild(), query.get("fieldSelector")));
        } else if (path.startsWith(NODES)) {
            nodes(exchange, caller, method, accept, query, path);
        } else if (path.matches("/apis/[^/]+")) {
            HttpReply.json(exchange, 200, "application/json", discovery.group(path.substring(6)).orElseThrow(ApiError::pathNotFound));
        } else if (path.matches("/apis/[^/]+/[^/]+")) {
            String[] groupVersion = path.substring(6).split("/");
            HttpReply.json(exchange, 200, "application/json", discovery.resourceList(groupVersion[0], groupVersion[1]).orElseThrow(ApiError::pathNotFound));
        } else {
            namespaced(exchange, caller, method, accept, query, path);
        }
    }

    private void nodes(HttpExchange exchange, Caller caller, String method, String accept, Map<String, String> query, String path)
            throws ApiError, IOException {
        if (path.equals(NODES)) {
            nodeCollection(exchange, caller, method, accept, query);
            return;
        }
        String[] rest = path.substring(NODES.length() + 1).split("/");
        if (!path.startsWith(NODES + "/") || rest.length > 2 || rest.length == 2 && !rest[1].equals("status")) {
            throw ApiError.pathNotFound();
        }
        node(exchange, caller, method, rest[0], rest.length == 2, accept, query);
    }

    /** Namespaces, and the namespaced resources: a collection (in a namespace or all), one object, a pod's eviction. */
    private void namespaced(HttpExchange exchange, Caller caller, String method, String accept, Map<String, String> query, String path)
            throws ApiError, IOException {
        Matcher matcher = NAMESPACED.matcher(path);
        if (!matcher.matches()) {
            throw ApiError.pathNotFound();
        }
        Optional<String> namespace = Optional.ofNullable(matcher.group(2));
        String resource = matcher.group(3);
        String name = matcher.group(4);
        String subresource = matcher.group(5);
        if (matcher.group(1).equals("/api/v1") && resource.equals("namespaces") && namespace.isEmpty() && subresource == null) {
            if (!method.equals("GET")) {
                throw ApiError.methodNotAllowed(method);
            }
            HttpReply.json(exchange, 200, "application/json", name == null ? Namespaces.list() : Namespaces.get(name));
            return;
        }
        NamespacedApi api = namespaced.get(matcher.group(1) + "/" + resource);
        if (api == null || subresource != null && !(subresource.equals("eviction") && api.kind() == NamespacedApi.Kind.PODS)
                || name != null && namespace.isEmpty()) {
            throw ApiError.pathNotFound();
        }
        boolean table = api.kind() == NamespacedApi.Kind.LEASES && MediaType.asksForTable(accept);
        if (name == null) {
            switch (method) {
                case "GET" -> {
                    Map<String, Object> list = api.list(caller, namespace, query.get("labelSelector"), query.get("fieldSelector"));
                    HttpReply.json(exchange, 200, "application/json", table ? LeaseTable.of(list, clock.instant(), query.get("includeObject")) : list);
                }
                case "POST" -> HttpReply.json(exchange, 201, "application/json", api.create(caller, namespace.orElseThrow(ApiError::pathNotFound),
                        body(exchange)));
                default -> throw ApiError.methodNotAllowed(method);
            }
        } else if (subresource != null) {
            if (!method.equals("POST")) {
                throw ApiError.methodNotAllowed(method);
            }
            HttpReply.json(exchange, 201, "application/json", eviction.evict(caller, namespace.get(), name));
        } else {
            switch (method) {
                case "GET" -> {
                    Map<String, Object> object = api.get(caller, namespace.get(), name);
                    HttpReply.json(exchange, 200, "application/json", table ? LeaseTable.ofOne(object, clock.instant(), query.get("includeObject")) : object);
                }
                case "DELETE" -> HttpReply.json(exchange, 200, "application/json", api.delete(caller, namespace.get(), name,
                        precondition(text(exchange))));
                case "PUT" -> {
                    if (!api.kind().updatable()) {
                        throw ApiError.methodNotAllowed(method);
                    }
                    NamespacedApi.Written written = api.update(caller, namespace.get(), name, body(exchange));
                    HttpReply.json(exchange, written.created() ? 201 : 200, "application/json", written.object());
                }
                case "PATCH" -> {
                    if (!api.kind().updatable()) {
                        throw ApiError.methodNotAllowed(method);
                    }
                    HttpReply.json(exchange, 200, "application/json", api.patch(caller, namespace.get(), name,
                            exchange.getRequestHeaders().getFirst("Content-Type"), Json.read(text(exchange))));
                }
                default -> throw ApiError.methodNotAllowed(method);
            }
        }
    }

    /** DeleteOptions' {@code preconditions.resourceVersion}, if the body has one. */
    private static Optional<String> precondition(String deleteOptions) {
        if (!deleteOptions.isBlank() && Json.read(deleteOptions) instanceof Map<?, ?> options
                && options.get("preconditions") instanceof Map<?, ?> preconditions && preconditions.get("resourceVersion") != null) {
            return Optional.of(String.valueOf(preconditions.get("resourceVersion")));
        }
        return Optional.empty();
    }

    private void nodeCollection(HttpExchange exchange, Caller caller, String method, String accept, Map<String, String> query)
            throws ApiError, IOException {
        switch (method) {
            case "GET" -> {
                if ("true".equals(query.get("watch")) || "1".equals(query.get("watch"))) {
                    nodes.list(caller, query.get("labelSelector"), query.get("fieldSelector")); // the same checks as a list
                    watch.stream(exchange, caller, query, MediaType.asksForTable(accept));
                    return;
                }
                NodesApi.Listed listed = nodes.list(caller, query.get("labelSelector"), query.get("fieldSelector"));
                Page<Map<String, Object>> page = Page.of(listed.nodes(), Meta::name, query.get("limit"), query.get("continue"));
                HttpReply.json(exchange, 200, "application/json", MediaType.asksForTable(accept)
                        ? NodeTable.of(page.items(), clock.instant(), query.get("includeObject"), NodesApi.listMeta(listed, page))
                        : nodes.listObject(listed, page));
            }
            case "POST" -> HttpReply.json(exchange, 201, "application/json", nodes.create(caller, body(exchange)));
            default -> throw ApiError.methodNotAllowed(method);
        }
    }

    @SuppressWarnings("unchecked")
    private void node(HttpExchange exchange, Caller caller, String method, String name, boolean status, String accept,
                      Map<String, String> query) throws ApiError, IOException {
        switch (method) {
            case "GET" -> {
                Map<String, Object> node = nodes.get(caller, name);
                HttpReply.json(exchange, 200, "application/json", MediaType.asksForTable(accept)
                        ? NodeTable.of(List.of(node), clock.instant(), query.get("includeObject"),
                        Map.of("resourceVersion", ((Map<String, Object>) node.get("metadata")).get("resourceVersion")))
                        : node);
            }
            case "PUT" -> HttpReply.json(exchange, 200, "application/json", nodes.update(caller, name, body(exchange), status));
            case "PATCH" -> HttpReply.json(exchange, 200, "application/json", nodes.patch(caller, name,
                    exchange.getRequestHeaders().getFirst("Content-Type"), Json.read(text(exchange)), status));
            case "DELETE" -> HttpReply.json(exchange, 200, "application/json", nodes.delete(caller, name, precondition(text(exchange))));
            default -> throw ApiError.methodNotAllowed(method);
        }
    }

    /** The address the client reached this server on (the apiserver's advertise address is that address on K3s). */
    private static String serverAddress(HttpExchange exchange) {
        return exchange.getLocalAddress().getAddress().getHostAddress() + ":" + exchange.getLocalAddress().getPort();
    }

    private static Optional<Caller> caller(HttpsExchange exchange) {
        try {
            return Optional.of(Caller.of((X509Certificate) exchange.getSSLSession().getPeerCertificates()[0]));
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange exchange) throws ApiError, IOException {
        Object body = Json.read(text(exchange));
        if (!(body instanceof Map<?, ?>)) {
            throw ApiError.badRequest("the body of the request is not a JSON object");
        }
        return (Map<String, Object>) body;
    }

    private static String text(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            String[] keyValue = pair.split("=", 2);
            query.put(URLDecoder.decode(keyValue[0], StandardCharsets.UTF_8),
                    keyValue.length > 1 ? URLDecoder.decode(keyValue[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }

}
