package io.k3j.k3sdouble.agent;

import io.k3j.k3sdouble.pki.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** HTTPS to a K3s supervisor: first without trust (to fetch /cacerts, as the agent does), then pinned to the cluster CA. */
public final class SupervisorClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;

    private SupervisorClient(SSLContext ssl) {
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(TIMEOUT).build();
    }

    /** For /cacerts only: the CA is what we are about to check against the token's hash. */
    public static SupervisorClient insecure() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return new SupervisorClient(ssl);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trusting only {@code caPem}, presenting {@code clientPem} (certificates then key) when given. */
    public static SupervisorClient pinned(String caPem, String clientPem) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", Pem.readCertificate(caPem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            javax.net.ssl.KeyManager[] keys = null;
            if (clientPem != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                String certificates = clientPem.substring(0, clientPem.indexOf("-----BEGIN PRIVATE KEY-----"));
                Certificate[] chain = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(certificates.getBytes(StandardCharsets.US_ASCII)))
                        .toArray(Certificate[]::new);
                store.setKeyEntry("kubelet", Pem.readPrivateKey(clientPem.substring(certificates.length())), new char[0], chain);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, new char[0]);
                keys = factory.getKeyManagers();
            }
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keys, trust.getTrustManagers(), new SecureRandom());
            return new SupervisorClient(ssl);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS to the server: " + e.getMessage(), e);
        }
    }

    /** GET with basic auth and the headers K3s' agent sends (k3s-Node-Name, k3s-Node-Password) when given. */
    public HttpResponse<String> get(URI url, String basicUser, String basicPassword, String nodeName, String nodePassword)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET();
        if (basicUser != null) {
            request.header("Authorization", basic(basicUser, basicPassword));
        }
        if (nodeName != null) {
            request.header("k3s-Node-Name", nodeName);
        }
        if (nodePassword != null) {
            request.header("k3s-Node-Password", nodePassword);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** PUT of a JSON body with basic auth, as clientaccess.Info.Put sends it. */
    public HttpResponse<String> put(URI url, String basicUser, String basicPassword, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("Authorization", basic(basicUser, basicPassword)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An API call with a JSON body (POST, PUT, PATCH with its patch type as {@code contentType}). */
    HttpResponse<String> send(String method, URI url, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // /cacerts is fetched insecurely on purpose; its content is checked against the token's CA hash
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
