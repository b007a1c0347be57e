package io.k3j.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL check's TLS through pgjdbc against a loopback stand-in that takes PostgreSQL's
 * SSLRequest and does the handshake: the names are checked for the endpoint's host, not the
 * tunnel's 127.0.0.1. The whole login over TLS is tested on the lab (ExistingPostgresTlsOnLabIT).
 */
class SqlProbeTest {
    private static final TestCertificates PKI = new TestCertificates();
    private static final Endpoint POSTGRES = Endpoint.parse("postgres://k3s:secret@db1.example.com:5432/k3s");

    @TempDir
    Path temp;

    @Test
    void aCertificateForTheTunnelsAddressOnlyDoesNotNameTheEndpointsHost() throws Exception {
        ProbeResult result = probeAgainst(PKI.serving("ip:127.0.0.1", "dns:localhost"), PKI);

        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).isEqualTo("PostgreSQL at db1.example.com:5432 serves a certificate that does not name that host: "
                + "the certificate is valid for localhost, not db1.example.com");
    }

    @Test
    void aCertificateOfAnotherCaIsRefused() throws Exception {
        ProbeResult result = probeAgainst(new TestCertificates().serving("dns:db1.example.com"), PKI);

        assertThat(result.detail()).startsWith("PostgreSQL at db1.example.com:5432 serves a certificate that datastore.tls.caFile did not sign");
    }

    @Test
    void unreadableTlsFilesAreSaidBeforeConnecting() {
        TlsFiles missing = new TlsFiles(Optional.of(temp.resolve("missing.crt")), Optional.empty(), Optional.empty());

        ProbeResult result = new SqlProbe().check(POSTGRES, Optional.of(missing), new InetSocketAddress("127.0.0.1", 1));

        assertThat(result.detail()).contains("missing.crt");
        assertThat(result.fix()).hasValue("give datastore.tls PEM files this user can read");
    }

    /** Serves one connection: PostgreSQL's SSLRequest answered 'S', then a TLS handshake with {@code serving}. */
    private ProbeResult probeAgainst(TestCertificates.Issued serving, TestCertificates trusted) throws Exception {
        Path ca = TestCertificates.pem(temp, "ca.crt", trusted.ca());
        SSLContext server = serverContext(serving);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> serveOnce(listener, server));
            ProbeResult result = new SqlProbe().check(POSTGRES, Optional.of(new TlsFiles(Optional.of(ca), Optional.empty(), Optional.empty())),
                    (InetSocketAddress) listener.getLocalSocketAddress());
            served.join();
            return result;
        }
    }

    private static void serveOnce(ServerSocket listener, SSLContext context) {
        try (Socket plain = listener.accept()) {
            new DataInputStream(plain.getInputStream()).readFully(new byte[8]);
            plain.getOutputStream().write('S');
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false)) {
                tls.setUseClientMode(false);
                tls.startHandshake();
            }
        } catch (IOException e) {
            // The client gives up on the handshake: what it says is the test's.
        }
    }

    private static SSLContext serverContext(TestCertificates.Issued serving) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", serving.key(), new char[0], new Certificate[] {serving.certificate()});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
