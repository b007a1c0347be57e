package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
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
            server.apiServerReady();
            HttpResponse<String> running = get(client, server, "/api/v1/nodes");

            assertThat(starting.statusCode()).isEqualTo(503);
            assertThat(starting.body()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                    + "\"message\":\"apiserver not ready\",\"reason\":\"ServiceUnavailable\",\"code\":503}");
            assertThat(ping.body()).isEqualTo("pong");
            assertThat(running.statusCode()).as("no client certificate, once the apiserver runs").isEqualTo(401);
        }
    }

    private static HttpResponse<String> get(HttpClient client, LocalApiServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(LocalApiServer server) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server-ca", server.serverCa().certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }
}
