package io.k3j.k3sdouble.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The supervisor port (6443) over TLS with the serving certificate: the unauthenticated
 * endpoints of pkg/server/handlers/router.go, {@code /ping} ("pong") and {@code /cacerts} (the
 * server CA's PEM, the bytes whose sha256 is in the token), and the apiserver's nodes for a client
 * certificate of the cluster's client CA (401 Status JSON without one); the agents' endpoints
 * ({@link AgentEndpoints}) and the servers' ({@link ServerEndpoints}).
 */
final class Supervisor {
    private final HttpsServer server;

    private Supervisor(HttpsServer server) {
        this.server = server;
    }

    static Supervisor start(int port, ClusterSecrets secrets, CertificateAuthority.Issued serving, NodeRegistry nodes,
                            NodePasswords nodePasswords, String serverPassword, List<String> joinPasswords, Duration grace)
            throws IOException {
        AgentEndpoints agents = new AgentEndpoints(secrets, joinPasswords, nodes, nodePasswords);
        ServerEndpoints servers = new ServerEndpoints(secrets, serverPassword, joinPasswords);
        CertificateAuthority ca = secrets.serverCa();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(secrets, serving)) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setWantClientAuth(true); // a client certificate identifies the user; /ping and /cacerts need none
                parameters.setSSLParameters(ssl);
            }
        });
        byte[] caPem = Pem.certificate(ca.certificate()).getBytes(StandardCharsets.US_ASCII);
        server.createContext("/ping", exchange -> reply(exchange, 200, "text/plain", "pong".getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/cacerts", exchange -> reply(exchange, 200, "text/plain", caPem));
        server.createContext("/v1-k3s/config", agents::config);
        server.createContext("/v1-k3s/client-kubelet.crt", agents::clientKubeletCertificate);
        server.createContext("/v1-k3s/apiservers", agents::apiservers);
        server.createContext("/v1-k3s/readyz", agents::readyz);
        server.createContext("/v1-k3s/server-bootstrap", servers::serverBootstrap);
        server.createContext("/api/v1/nodes", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/api/v1/nodes/") || !agents.putNode(exchange, path.substring("/api/v1/nodes/".length()))) {
                nodes(exchange, nodes, grace);
            }
        });
        server.createContext("/", exchange -> reply(exchange, 404, "application/json",
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
                        .getBytes(StandardCharsets.UTF_8)));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return new Supervisor(server);
    }

    /** GET /api/v1/nodes (a v1 NodeList) or /api/v1/nodes/NAME, for a client with a certificate of the client CA. */
    private static void nodes(HttpExchange exchange, NodeRegistry nodes, Duration grace) throws IOException {
        if (!hasClientCertificate((HttpsExchange) exchange)) {
            reply(exchange, 401, "application/json", status(401, "Unauthorized", "Unauthorized"));
            return;
        }
        try {
            Instant now = Instant.now();
            String path = exchange.getRequestURI().getPath();
            String name = path.length() > "/api/v1/nodes/".length() ? path.substring("/api/v1/nodes/".length()) : "";
            if (name.isEmpty()) {
                List<Object> items = nodes.list().stream().map(node -> (Object) node.toApi(now, grace)).toList();
                reply(exchange, 200, "application/json", Json.write(Map.of("apiVersion", "v1", "kind", "NodeList",
                        "metadata", Map.of(), "items", items)).getBytes(StandardCharsets.UTF_8));
                return;
            }
            var node = nodes.get(name);
            if (node.isEmpty()) {
                reply(exchange, 404, "application/json", status(404, "NotFound", "nodes \"" + name + "\" not found"));
            } else {
                reply(exchange, 200, "application/json", Json.write(node.get().toApi(now, grace)).getBytes(StandardCharsets.UTF_8));
            }
        } catch (SQLException e) {
            reply(exchange, 500, "application/json", status(500, "InternalError", e.getMessage()));
        }
    }

    private static boolean hasClientCertificate(HttpsExchange exchange) {
        try {
            return exchange.getSSLSession().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private static byte[] status(int code, String reason, String message) {
        return AgentEndpoints.status(code, reason, message);
    }

    private static SSLContext sslContext(ClusterSecrets secrets, CertificateAuthority.Issued serving) {
        CertificateAuthority ca = secrets.serverCa();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "k3s".toCharArray();
            keys.setKeyEntry("serving", serving.key(), password, new Certificate[] {serving.certificate(), ca.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("client-ca", secrets.clientCa().certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for the supervisor", e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    void stop() {
        server.stop(0);
    }
}
