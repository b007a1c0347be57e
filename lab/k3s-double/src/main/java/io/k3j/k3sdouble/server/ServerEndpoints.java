package io.k3j.k3sdouble.server;

import com.sun.net.httpserver.HttpExchange;
import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.api.ApiError;
import io.k3j.k3sdouble.api.HttpReply;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What only servers may ask the supervisor for (pkg/server/handlers/router.go, the router of role
 * {@code k3s:server}): {@code /v1-k3s/server-bootstrap}, the bootstrap data a server joining with
 * {@code --server} reads. Basic auth as {@code server:<server password>} passes; a password of the
 * {@code node} user (the agent token, or the server token used as an agent's) authenticates without
 * the role, so 403 {@code forbidden}; anything else 401 {@code not authorized}
 * (pkg/server/auth/auth.go doAuth). Also {@code /v1-k3s/token}, which {@code k3s token rotate} calls.
 */
final class ServerEndpoints {
    private final ClusterSecrets secrets;
    private final String serverPassword;
    private final List<String> nodePasswords;
    private final TokenRotation tokenRotation;

    ServerEndpoints(ClusterSecrets secrets, String serverPassword, List<String> nodePasswords, TokenRotation tokenRotation) {
        this.secrets = secrets;
        this.serverPassword = serverPassword;
        this.nodePasswords = List.copyOf(nodePasswords);
        this.tokenRotation = tokenRotation;
    }

    /**
     * The bootstrap files as K3s' bootstrap.ReadFromDisk writes them: a JSON object of
     * {@code {Timestamp, Content}} (base64) per file; here the two CAs the double keeps.
     */
    void serverBootstrap(HttpExchange exchange) throws IOException {
        if (serverAuthed(exchange)) {
            String now = Instant.now().toString();
            Map<String, Object> files = new LinkedHashMap<>();
            put(files, "ServerCA", "ServerCAKey", secrets.serverCa(), now);
            put(files, "ClientCA", "ClientCAKey", secrets.clientCa(), now);
            HttpReply.json(exchange, 200, "application/json", files);
        }
    }

    /**
     * {@code PUT /v1-k3s/token} with {@code {"newToken": "..."}} (pkg/server/token.go
     * tokenRequestHandler): 400 for another method or a body that is not that JSON, 500 with the
     * error when the rotation fails, else 200.
     */
    void token(HttpExchange exchange) throws IOException {
        if (!serverAuthed(exchange)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!exchange.getRequestMethod().equals("PUT") || !(parse(body) instanceof Map<?, ?> request)) {
            HttpReply.send(exchange, 400, "application/json", new byte[0]);
            return;
        }
        try {
            tokenRotation.rotate(request.get("newToken") instanceof String newToken ? newToken : "");
            HttpReply.send(exchange, 200, "application/json", new byte[0]);
        } catch (java.sql.SQLException | IOException e) {
            HttpReply.error(exchange, new ApiError(500, "InternalError", "token: " + e.getMessage(), null));
        }
    }

    private static Object parse(String json) {
        try {
            return Json.read(json);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The {@code k3s:server} role: the server password passes; the node's gets 403, anything else 401 (doAuth). */
    private boolean serverAuthed(HttpExchange exchange) throws IOException {
        String credentials = credentials(exchange);
        if (credentials.equals("server:" + serverPassword)) {
            return true;
        }
        if (nodePasswords.stream().anyMatch(password -> credentials.equals("node:" + password))) {
            HttpReply.error(exchange, new ApiError(403, "Forbidden", "forbidden", null));
        } else {
            HttpReply.error(exchange, new ApiError(401, "Unauthorized", "not authorized", null));
        }
        return false;
    }

    private static void put(Map<String, Object> files, String certificate, String key, CertificateAuthority ca, String now) {
        files.put(certificate, file(Pem.certificate(ca.certificate()), now));
        files.put(key, file(Pem.privateKey(ca.key()), now));
    }

    private static Map<String, Object> file(String pem, String now) {
        return Map.of("Timestamp", now, "Content", Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String credentials(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

}
