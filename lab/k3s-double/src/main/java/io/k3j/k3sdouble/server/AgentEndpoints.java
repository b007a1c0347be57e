package io.k3j.k3sdouble.server;

import com.sun.net.httpserver.HttpExchange;
import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import io.k3j.k3sdouble.pki.RenewalPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What agents use on the supervisor (pkg/server/handlers/router.go): {@code /v1-k3s/config},
 * {@code /v1-k3s/client-kubelet.crt} and {@code /v1-k3s/apiservers} with basic auth as
 * {@code node:<password>} (a wrong password: 401 {@code not authorized}). The kubelet then writes
 * its Node through the API with the kubelet certificate ({@code system:node:<name>}).
 */
final class AgentEndpoints {
    private final ClusterSecrets secrets;
    /**
     * The passwords agents may join with as {@code node}: the server token's, and the agent token's
     * when {@code --agent-token} is set (docs.k3s.io cli/token: the server token joins servers and
     * agents, the agent token only agents).
     */
    private final List<String> joinPasswords;
    private final NodeRegistry nodes;
    private final NodePasswords nodePasswords;
    private final Duration grace;
    private final RenewalPolicy certificates;

    AgentEndpoints(ClusterSecrets secrets, List<String> joinPasswords, NodeRegistry nodes, NodePasswords nodePasswords, Duration grace,
                   RenewalPolicy certificates) {
        this.secrets = secrets;
        this.joinPasswords = List.copyOf(joinPasswords);
        this.nodes = nodes;
        this.nodePasswords = nodePasswords;
        this.grace = grace;
        this.certificates = certificates;
    }

    void config(HttpExchange exchange) throws IOException {
        if (authorized(exchange)) {
            reply(exchange, 200, Json.write(Map.of("ClusterDomain", "cluster.local", "SupervisorPort", 6443)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The apiserver's readiness, for agents: {@code ok} once this server serves. */
    void readyz(HttpExchange exchange) throws IOException {
        if (authorized(exchange)) {
            reply(exchange, 200, "ok".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** A kubelet client certificate for the node named in the k3s-Node-Name header, with its key. */
    void clientKubeletCertificate(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        String node = exchange.getRequestHeaders().getFirst("k3s-Node-Name");
        String nodePassword = exchange.getRequestHeaders().getFirst("k3s-Node-Password");
        if (node == null || node.isBlank() || nodePassword == null) {
            reply(exchange, 400, status(400, "BadRequest", "missing k3s-Node-Name or k3s-Node-Password header"));
            return;
        }
        try {
            if (!nodePasswords.accept(node, nodePassword)) {
                reply(exchange, 403, status(403, "Forbidden", "forbidden"));
                return;
            }
        } catch (SQLException e) {
            reply(exchange, 500, status(500, "InternalError", e.getMessage()));
            return;
        }
        CertificateAuthority.Issued issued = secrets.clientCa().issueClient("system:node:" + node, "system:nodes",
                certificates.issueTime(Instant.now()));
        String body = Pem.certificate(issued.certificate()) + Pem.certificate(secrets.clientCa().certificate()) + Pem.privateKey(issued.key());
        reply(exchange, 200, body.getBytes(StandardCharsets.US_ASCII));
    }

    /** The live servers' supervisor addresses, for the agent's client load balancer. */
    void apiservers(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        try {
            List<String> addresses = liveServers(nodes.list().stream().map(NodeRegistry.Stored::node).toList(), Instant.now(), grace);
            reply(exchange, 200, Json.write(addresses).getBytes(StandardCharsets.UTF_8));
        } catch (SQLException e) {
            reply(exchange, 500, status(500, "InternalError", e.getMessage()));
        }
    }

    /**
     * {@code ip:6443} of every server whose node is Ready. K3s answers from the {@code kubernetes}
     * endpoints (handlers.go getAddressCollector), which hold the apiservers alive (the lease
     * endpoint reconciler drops one that stops); the double takes a server's Ready condition for that.
     */
    @SuppressWarnings("unchecked")
    static List<String> liveServers(List<Map<String, Object>> nodes, Instant now, Duration grace) {
        return nodes.stream().filter(NodeObjects::isServer).map(node -> NodeObjects.observed(node, now, grace))
                .filter(node -> ((List<Map<String, Object>>) ((Map<String, Object>) node.getOrDefault("status", Map.of()))
                        .getOrDefault("conditions", List.of())).stream()
                        .anyMatch(condition -> "Ready".equals(condition.get("type")) && "True".equals(condition.get("status"))))
                .map(node -> NodeObjects.internalIp(node) + ":" + ServerCommand.SUPERVISOR_PORT).toList();
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null && header.startsWith("Basic ")) {
            String credentials = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
            if (joinPasswords.stream().anyMatch(password -> credentials.equals("node:" + password))) {
                return true;
            }
        }
        reply(exchange, 401, status(401, "Unauthorized", "not authorized"));
        return false;
    }

    static byte[] status(int code, String reason, String message) {
        return Json.write(Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(), "status", "Failure",
                "message", message, "reason", reason, "code", code)).getBytes(StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int code, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", body.length > 0 && body[0] == '-' ? "text/plain" : "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
