package io.k3j.k3sdouble.server;

import com.sun.net.httpserver.HttpExchange;
import io.k3j.k3sdouble.api.ApiError;
import io.k3j.k3sdouble.api.HttpReply;
import io.k3j.k3sdouble.nodes.NodeObjects;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import io.k3j.k3sdouble.pki.RenewalPolicy;
import java.io.IOException;
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
            HttpReply.json(exchange, 200, "application/json", Map.of("ClusterDomain", "cluster.local", "SupervisorPort", 6443));
        }
    }

    /** The apiserver's readiness, for agents: {@code ok} once this server serves. */
    void readyz(HttpExchange exchange) throws IOException {
        if (authorized(exchange)) {
            HttpReply.send(exchange, 200, "text/plain", "ok".getBytes(StandardCharsets.US_ASCII));
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
            HttpReply.error(exchange, new ApiError(400, "BadRequest", "missing k3s-Node-Name or k3s-Node-Password header", null));
            return;
        }
        try {
            if (!nodePasswords.accept(node, nodePassword)) {
                HttpReply.error(exchange, new ApiError(403, "Forbidden", "forbidden", null));
                return;
            }
        } catch (SQLException e) {
            HttpReply.error(exchange, new ApiError(500, "InternalError", e.getMessage(), null));
            return;
        }
        CertificateAuthority.Issued issued = secrets.clientCa().issueClient("system:node:" + node, "system:nodes",
                certificates.issueTime(Instant.now()));
        String body = Pem.certificate(issued.certificate()) + Pem.certificate(secrets.clientCa().certificate()) + Pem.privateKey(issued.key());
        HttpReply.send(exchange, 200, "text/plain", body.getBytes(StandardCharsets.US_ASCII));
    }

    /** The live servers' supervisor addresses, for the agent's client load balancer. */
    void apiservers(HttpExchange exchange) throws IOException {
        if (!authorized(exchange)) {
            return;
        }
        try {
            List<String> addresses = liveServers(nodes.list().stream().map(NodeRegistry.Stored::node).toList(), Instant.now(), grace);
            HttpReply.json(exchange, 200, "application/json", addresses);
        } catch (SQLException e) {
            HttpReply.error(exchange, new ApiError(500, "InternalError", e.getMessage(), null));
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
        HttpReply.error(exchange, new ApiError(401, "Unauthorized", "not authorized", null));
        return false;
    }


}
