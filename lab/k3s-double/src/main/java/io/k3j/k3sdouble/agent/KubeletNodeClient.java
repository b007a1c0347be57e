package io.k3j.k3sdouble.agent;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.nodes.NodeRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's kubelet writing its Node through the API with its kubelet certificate, through the
 * agent's load balancer ({@link AgentLoadBalancer}): registration as the kubelet does it (create
 * the Node; one that exists is read and brought up to date, retried on a 409; then the first
 * status update, with this release's versions), the status heartbeat as a strategic merge patch
 * of {@code nodes/NAME/status}, and the Services list of {@link ServiceReflector}. A call whose
 * connection breaks (its server just went away) is sent again at once, so the balancer dials the
 * next server.
 */
final class KubeletNodeClient {
    private static final int ATTEMPTS = 5;

    private final SupervisorClient client;
    private final String server;

    KubeletNodeClient(SupervisorClient client, String server) {
        this.client = client;
        this.server = server;
    }

    @SuppressWarnings("unchecked")
    void register(NodeRecord node) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            URI self = URI.create(server + "/api/v1/nodes/" + node.name());
            HttpResponse<String> existing = send("GET", self, "application/json", "");
            HttpResponse<String> written = existing.statusCode() == 404
                    ? send("POST", URI.create(server + "/api/v1/nodes"), "application/json",
                    Json.write(NodeObjects.fresh(node, Instant.now())))
                    : send("PUT", self, "application/json", Json.write(NodeObjects.reregistered(
                    (Map<String, Object>) Json.read(ok(existing)), node, Instant.now())));
            if (written.statusCode() / 100 == 2) {
                ok(send("PATCH", URI.create(self + "/status"), "application/strategic-merge-patch+json",
                        Json.write(NodeObjects.startStatusPatch(node, Instant.now()))));
                return;
            }
            if (written.statusCode() != 409) {
                throw new IOException("server " + server + " answered " + written.statusCode() + ": " + written.body());
            }
        }
        throw new IOException("server " + server + ": node " + node.name() + " kept changing while it registered");
    }

    void heartbeat(String name) throws IOException, InterruptedException {
        ok(send("PATCH", URI.create(server + "/api/v1/nodes/" + name + "/status"), "application/strategic-merge-patch+json",
                Json.write(NodeObjects.heartbeatPatch(Instant.now()))));
    }

    /** A list of Services with {@code query}: empty when the apiserver answered with a list, its message when it refused it. */
    @SuppressWarnings("unchecked")
    Optional<String> listServices(String query) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", URI.create(server + "/api/v1/services?" + query), "application/json", "");
        if (response.statusCode() == 200) {
            return Optional.empty();
        }
        Object message = ((Map<String, Object>) Json.read(response.body())).get("message");
        return Optional.of(String.valueOf(message));
    }

    private HttpResponse<String> send(String method, URI url, String contentType, String body) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return client.send(method, url, contentType, body);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private String ok(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("server " + server + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
