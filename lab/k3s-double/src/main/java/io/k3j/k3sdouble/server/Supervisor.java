package io.k3j.k3sdouble.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The supervisor port (6443) over TLS with the serving certificate: the unauthenticated
 * endpoints of pkg/server/handlers/router.go, {@code /ping} ("pong") and {@code /cacerts} (the
 * server CA's PEM, the bytes whose sha256 is in the token).
 */
final class Supervisor {
    private final HttpsServer server;

    private Supervisor(HttpsServer server) {
        this.server = server;
    }

    static Supervisor start(int port, CertificateAuthority ca, CertificateAuthority.Issued serving) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(port), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(ca, serving)));
        byte[] caPem = Pem.certificate(ca.certificate()).getBytes(StandardCharsets.US_ASCII);
        server.createContext("/ping", exchange -> reply(exchange, 200, "text/plain", "pong".getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/cacerts", exchange -> reply(exchange, 200, "text/plain", caPem));
        server.createContext("/", exchange -> reply(exchange, 404, "application/json",
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
                        .getBytes(StandardCharsets.UTF_8)));
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return new Supervisor(server);
    }

    private static SSLContext sslContext(CertificateAuthority ca, CertificateAuthority.Issued serving) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "k3s".toCharArray();
            keys.setKeyEntry("serving", serving.key(), password, new Certificate[] {serving.certificate(), ca.certificate()});
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
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
