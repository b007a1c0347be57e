package io.k3j.k3sdouble.agent;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.nodes.NodeRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's kubelet writing its Node through the API with its kubelet certificate, to the first
 * server that answers (the known servers, then the registration URL): registration as the kubelet
 * does it (create the Node; one that exists is read and brought up to date, retried on a 409; then
 * the first status update, with this release's versions), the status heartbeat as a strategic
 * merge patch of {@code nodes/NAME/status}, and the Services list of {@link ServiceReflector}.
 */
final class KubeletNodeClient {
    private static final int ATTEMPTS = 5;

    private final SupervisorClient client;
    private final List<String> candidates;

    KubeletNodeClient(SupervisorClient client, String server, List<String> servers) {
        this.client = client;
        List<String> candidates = new ArrayList<>();
        servers.forEach(address -> candidates.add("https://" + address));
        candidates.add(server);
        this.candidates = List.copyOf(candidates);
    }

    @SuppressWarnings("unchecked")
    void register(NodeRecord node) throws IOException, InterruptedException {
        IOException last = null;
        for (String server : candidates) {
            try {
                for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                    URI self = URI.create(server + "/api/v1/nodes/" + node.name());
                    HttpResponse<String> existing = client.send("GET", self, "application/json", "");
                    HttpResponse<String> written = existing.statusCode() == 404
                            ? client.send("POST", URI.create(server + "/api/v1/nodes"), "application/json",
                            Json.write(NodeObjects.fresh(node, Instant.now())))
                            : client.send("PUT", self, "application/json", Json.write(NodeObjects.reregistered(
                            (Map<String, Object>) Json.read(ok(existing, server)), node, Instant.now())));
                    if (written.statusCode() / 100 == 2) {
                        ok(client.send("PATCH", URI.create(self + "/status"), "application/strategic-merge-patch+json",
                                Json.write(NodeObjects.startStatusPatch(node, Instant.now()))), server);
                        return;
                    }
                    if (written.statusCode() != 409) {
                        throw new IOException("server " + server + " answered " + written.statusCode() + ": " + written.body());
                    }
                }
                throw new IOException("server " + server + ": node " + node.name() + " kept changing while it registered");
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    void heartbeat(String name) throws IOException, InterruptedException {
        IOException last = null;
        for (String server : candidates) {
            try {
                ok(client.send("PATCH", URI.create(server + "/api/v1/nodes/" + name + "/status"), "application/strategic-merge-patch+json",
                        Json.write(NodeObjects.heartbeatPatch(Instant.now()))), server);
                return;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * A list of Services with {@code query} through the first server that answers: empty when it
     * answered with a list, the apiserver's message when it refused it.
     */
    @SuppressWarnings("unchecked")
    Optional<String> listServices(String query) throws IOException, InterruptedException {
        IOException last = null;
        for (String server : candidates) {
            try {
                HttpResponse<String> response = client.send("GET", URI.create(server + "/api/v1/services?" + query), "application/json", "");
                if (response.statusCode() == 200) {
                    return Optional.empty();
                }
                Object message = ((Map<String, Object>) Json.read(response.body())).get("message");
                return Optional.of(String.valueOf(message));
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static String ok(HttpResponse<String> response, String server) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("server " + server + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
