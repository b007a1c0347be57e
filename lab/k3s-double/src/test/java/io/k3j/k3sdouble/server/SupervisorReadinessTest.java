package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class SupervisorReadinessTest {

    @Test
    void untilTheApiServerRunsItsPathsAnswer503ApiserverNotReadyBeforeAuthenticationWhilePingAnswers() throws Exception {
        try (LocalApiServer server = LocalApiServer.startBeforeTheApiServer()) {
            HttpClient client = client(server);

            HttpResponse<String> starting = get(client, server, "/api/v1/nodes");
            HttpResponse<String> ping = get(client, server, "/ping");
            HttpResponse<String> readyzStarting = get(client, server, "/readyz");
            server.apiServerReady();
            HttpResponse<String> running = get(client, server, "/api/v1/nodes");
            HttpResponse<String> readyzRunning = get(client, server, "/readyz");

            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                    + "\"message\":\"apiserver not ready\",\"reason\":\"ServiceUnavailable\",\"code\":503}");
            assertThat(ping.body()).isEqualTo("pong");
            assertThat(running.statusCode()).as("no client certificate, once the apiserver runs").isEqualTo(401);
            // What HAProxy's health check sees (templates/haproxy/haproxy.cfg.ftl): out while starting, in once serving.
            assertThat(List.of(readyzStarting.statusCode(), readyzRunning.statusCode())).containsExactly(503, 401);
        }
    }

    @Test
    void onceTheApiServerRunsReadyzAnswersOkToAnAuthenticatedClientAndNobodyElse() throws Exception {
        try (LocalApiServer server = LocalApiServer.start()) {
            HttpResponse<String> admin = get(client(server, server.adminCertificate()), server, "/readyz");
            HttpResponse<String> anonymous = get(client(server), server, "/readyz");

            assertThat(admin.statusCode()).isEqualTo(200);
            assertThat(admin.body()).isEqualTo("ok");
            assertThat(anonymous.statusCode()).as("anonymous-auth=false").isEqualTo(401);
        }
    }

    private static HttpResponse<String> get(HttpClient client, LocalApiServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(LocalApiServer server) throws Exception {
        return client(server, null);
    }

    /** A client trusting the server's CA, presenting {@code certificate} (none when null). */
    private static HttpClient client(LocalApiServer server, CertificateAuthority.Issued certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server-ca", server.serverCa().certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        KeyManager[] keys = null;
        if (certificate != null) {
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry("client", certificate.key(), new char[0], new Certificate[] {certificate.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(own, new char[0]);
            keys = factory.getKeyManagers();
        }
        context.init(keys, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }
}
