package io.k3j.k3sdouble.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.k3j.k3sdouble.kine.EtcdClientWarning;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The datastore client's TLS against a loopback server that wants a client certificate, as etcd with client-cert-auth does. */
class ClientTlsTest {
    private final CertificateAuthority ca = CertificateAuthority.create("lab-ca", Instant.now());
    private final CertificateAuthority otherCa = CertificateAuthority.create("other-ca", Instant.now());
    private SSLServerSocket server;
    private URI ping;

    @TempDir
    Path dir;

    @BeforeEach
    void serverAskingForAClientCertificate() throws Exception {
        start(ca.issueServing("etcd", List.of("localhost"), List.of("127.0.0.1"), Instant.now()));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void theRightCaAndAClientCertificateGetThrough() throws Exception {
        CertificateAuthority.Issued client = ca.issueClient("k3s", "k3s", Instant.now());
        Path key = Files.writeString(dir.resolve("client.key"), Pem.privateKey(client.key()));

        HttpResponse<String> response = get(Optional.of(file("ca.crt", ca)), Optional.of(certificate(client)), Optional.of(key));

        assertThat(response.body()).isEqualTo("pong");
    }

    @Test
    void anotherCaFailsAsGoFailsToVerify() throws Exception {
        IOException failure = failure(Optional.of(file("other.crt", otherCa)), Optional.empty(), Optional.empty());

        assertThat(EtcdClientWarning.error(ping, failure)).isEqualTo("rpc error: code = DeadlineExceeded desc = latest balancer error: "
                + "last connection error: connection error: desc = \"transport: authentication handshake failed: tls: failed to verify "
                + "certificate: x509: certificate signed by unknown authority\"");
    }

    @Test
    void noClientCertificateIsRefusedByTheServer() throws Exception {
        Path caFile = file("ca.crt", ca);
        String refused = "rpc error: code = Unavailable desc = connection error: desc = \"error reading server preface: remote error: "
                + "tls: bad certificate\"";
        String reset = "rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: "
                + "desc = \"transport: authentication handshake failed: EOF\"";

        // The server's alert can be lost when it resets the connection on our unread handshake data, as with a real etcd:
        // every attempt fails in one of Go's two ways, and the alert comes through within a few.
        String error = "";
        for (int attempt = 0; attempt < 20 && !error.equals(refused); attempt++) {
            error = EtcdClientWarning.error(ping, failure(Optional.of(caFile), Optional.empty(), Optional.empty()));
            assertThat(error).isIn(refused, reset);
        }
        assertThat(error).isEqualTo(refused);
    }

    @Test
    void aCertificateForAnotherAddressFailsWithGosHostnameError() throws Exception {
        stop();
        start(ca.issueServing("etcd", List.of("db1"), List.of("10.213.0.99"), Instant.now()));

        IOException failure = failure(Optional.of(file("ca.crt", ca)), Optional.empty(), Optional.empty());

        assertThat(EtcdClientWarning.error(ping, failure))
                .contains("tls: failed to verify certificate: x509: certificate is valid for 10.213.0.99, not 127.0.0.1");
    }

    private IOException failure(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
        return (IOException) catchThrowable(() -> get(caFile, certFile, keyFile));
    }

    private HttpResponse<String> get(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(ClientTls.context(caFile, certFile, keyFile)).build();
        return client.send(HttpRequest.newBuilder(ping).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path file(String name, CertificateAuthority authority) throws IOException {
        return Files.writeString(dir.resolve(name), Pem.certificate(authority.certificate()));
    }

    private Path certificate(CertificateAuthority.Issued issued) throws IOException {
        return Files.writeString(dir.resolve("client.crt"), Pem.certificate(issued.certificate()));
    }

    /** A one-page HTTPS server on a plain SSLServerSocket: it sends TLS alerts as a Go server (etcd) does before closing. */
    private void start(CertificateAuthority.Issued serving) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("serving", serving.key(), "x".toCharArray(), new Certificate[] {serving.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "x".toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        Thread acceptor = new Thread(this::serve, "loopback-tls");
        acceptor.setDaemon(true);
        acceptor.start();
        ping = URI.create("https://127.0.0.1:" + server.getLocalPort() + "/ping");
    }

    private void serve() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.startHandshake();
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\npong"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // a refused handshake: the client sees the alert
            }
        }
    }
}
