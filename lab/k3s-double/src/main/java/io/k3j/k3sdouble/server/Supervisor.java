package io.k3j.k3sdouble.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.k3j.k3sdouble.api.ApiError;
import io.k3j.k3sdouble.api.ApiServer;
import io.k3j.k3sdouble.api.Discovery;
import io.k3j.k3sdouble.api.HttpReply;
import io.k3j.k3sdouble.api.NamespacedApi;
import io.k3j.k3sdouble.api.NodesApi;
import io.k3j.k3sdouble.api.ServedResource;
import io.k3j.k3sdouble.api.Watch;
import io.k3j.k3sdouble.kine.KeyValueStore;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import io.k3j.k3sdouble.objects.ObjectRegistry;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import io.k3j.k3sdouble.pki.RenewalPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * The supervisor port (6443) over TLS with the serving certificate: the unauthenticated
 * endpoints of pkg/server/handlers/router.go, {@code /ping} ("pong") and {@code /cacerts} (the
 * server CA's PEM, the bytes whose sha256 is in the token), the agents' endpoints
 * ({@link AgentEndpoints}), the servers' ({@link ServerEndpoints}), and on every other path the
 * Kubernetes API ({@link ApiServer}).
 */
final class Supervisor {
    private final HttpsServer server;
    /** Set once the apiserver runs; until then its paths answer 503 (pkg/server/handlers APIServer). */
    private volatile boolean apiServerReady;

    private Supervisor(HttpsServer server) {
        this.server = server;
    }

    /** From now on the apiserver's paths are served: what K3s logs as "Kube API server is now running". */
    void apiServerReady() {
        apiServerReady = true;
    }

    static Supervisor start(int port, ClusterSecrets secrets, CertificateAuthority.Issued serving, KeyValueStore kine, NodeRegistry nodes,
                            NodePasswords nodePasswords, String serverPassword, List<String> joinPasswords, Duration grace,
                            RenewalPolicy certificates, TokenRotation tokenRotation) throws IOException {
        AgentEndpoints agents = new AgentEndpoints(secrets, joinPasswords, nodes, nodePasswords, grace, certificates);
        ServerEndpoints servers = new ServerEndpoints(secrets, serverPassword, joinPasswords, tokenRotation);
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
        server.createContext("/ping", exchange -> HttpReply.send(exchange, 200, "text/plain", "pong".getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/cacerts", exchange -> HttpReply.send(exchange, 200, "text/plain", caPem));
        server.createContext("/v1-k3s/config", agents::config);
        server.createContext("/v1-k3s/client-kubelet.crt", agents::clientKubeletCertificate);
        server.createContext("/v1-k3s/apiservers", agents::apiservers);
        server.createContext("/v1-k3s/readyz", agents::readyz);
        server.createContext("/v1-k3s/server-bootstrap", servers::serverBootstrap);
        server.createContext("/v1-k3s/token", servers::token);
        // Every other path is the apiserver's, as on K3s (the supervisor hands what it does not serve to the apiserver).
        Clock clock = Clock.systemUTC();
        NodesApi nodesApi = new NodesApi(nodes, grace, clock);
        ApiServer api = new ApiServer(new Discovery(ServedResource.ALL), nodesApi, new Watch(nodesApi, clock), clock, Map.of(
                "/api/v1/pods", new NamespacedApi(new ObjectRegistry(kine, "pods"), NamespacedApi.Kind.PODS, clock),
                "/apis/policy/v1/poddisruptionbudgets", new NamespacedApi(new ObjectRegistry(kine, "poddisruptionbudgets"),
                        NamespacedApi.Kind.PODDISRUPTIONBUDGETS, clock),
                "/apis/apps/v1/daemonsets", new NamespacedApi(new ObjectRegistry(kine, "daemonsets"), NamespacedApi.Kind.DAEMONSETS, clock),
                "/apis/coordination.k8s.io/v1/leases", new NamespacedApi(new ObjectRegistry(kine, "leases"), NamespacedApi.Kind.LEASES, clock)));
        Supervisor supervisor = new Supervisor(server);
        server.createContext("/", exchange -> {
            if (supervisor.apiServerReady) {
                api.handle(exchange);
            } else {
                notReady(exchange);
            }
        });
        // Watches hold their thread while they last: threads as needed, not a fixed few.
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return supervisor;
    }

    /**
     * What K3s' supervisor answers on an apiserver path while its apiserver is not yet running,
     * before any authentication: util.SendError(ErrAPINotReady, 503), a v1 Status
     * {@code ServiceUnavailable} with {@code apiserver not ready}, and {@code Connection: close}.
     * kubectl prints it as {@code Error from server (ServiceUnavailable): apiserver not ready}.
     */
    private static void notReady(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Connection", "close");
        HttpReply.error(exchange, ApiError.serviceUnavailable("apiserver not ready"));
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


    void stop() {
        server.stop(0);
    }
}
