package io.k3j.k3sdouble.kubectl;

import io.k3j.k3sdouble.pki.Pem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** An API client from a kubeconfig's current context: its server, CA and client certificate, as kubectl uses them. */
final class KubeClient {
    private final URI server;
    private final HttpClient http;

    private KubeClient(URI server, HttpClient http) {
        this.server = server;
        this.http = http;
    }

    @SuppressWarnings("unchecked")
    static KubeClient fromKubeconfig(Path file) throws IOException {
        Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        String contextName = (String) config.get("current-context");
        Map<String, Object> context = named((List<Map<String, Object>>) config.get("contexts"), contextName, "context");
        Map<String, Object> cluster = named((List<Map<String, Object>>) config.get("clusters"), (String) context.get("cluster"), "cluster");
        Map<String, Object> user = named((List<Map<String, Object>>) config.get("users"), (String) context.get("user"), "user");
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(keyManagers(user), trustManagers(cluster), null);
            HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
            return new KubeClient(URI.create((String) cluster.get("server")), http);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the kubeconfig's certificates: " + e.getMessage(), e);
        }
    }

    String server() {
        return server.getHost() + ":" + server.getPort();
    }

    /** GET {@code path}: the status code and body. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(server.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> named(List<Map<String, Object>> entries, String name, String section) throws IOException {
        for (Map<String, Object> entry : entries) {
            if (name.equals(entry.get("name"))) {
                return (Map<String, Object>) entry.get(section);
            }
        }
        throw new IOException("kubeconfig has no " + section + " named " + name);
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Map<String, Object> user) throws GeneralSecurityException, IOException {
        String certificates = decode(user.get("client-certificate-data"));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        Certificate[] chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certificates.getBytes(StandardCharsets.US_ASCII)))
                .toArray(Certificate[]::new);
        keys.setKeyEntry("user", Pem.readPrivateKey(decode(user.get("client-key-data"))), new char[0], chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        return factory.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Map<String, Object> cluster) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", Pem.readCertificate(decode(cluster.get("certificate-authority-data"))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    private static String decode(Object base64) {
        return new String(Base64.getDecoder().decode(String.valueOf(base64)), StandardCharsets.US_ASCII);
    }
}
