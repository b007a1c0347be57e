package io.k3j.datastore;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trust TlsFiles makes: the CA file's certificates, the names for the endpoint's host rather than the tunnel's. */
class TlsFilesTest {
    private static final TestCertificates PKI = new TestCertificates();
    private static final X509Certificate DB1 = PKI.serving("ip:10.213.0.20", "ip:127.0.0.1").certificate();

    @TempDir
    Path temp;

    @Test
    void aCertificateOfTheCaForTheEndpointsHostIsTrusted() {
        assertThatCode(() -> trust("10.213.0.20").checkServerTrusted(new X509Certificate[] {DB1}, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
    }

    @Test
    void theNamesAreCheckedForTheEndpointsHost() {
        assertThatThrownBy(() -> trust("10.213.0.21").checkServerTrusted(new X509Certificate[] {DB1}, "ECDHE_ECDSA"))
                .isInstanceOf(ServerNameCheck.NameMismatch.class);
    }

    @Test
    void aCertificateOfAnotherCaIsNotTrusted() {
        X509Certificate other = new TestCertificates().serving("ip:10.213.0.20").certificate();

        assertThatThrownBy(() -> trust("10.213.0.20").checkServerTrusted(new X509Certificate[] {other}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).isNotInstanceOf(ServerNameCheck.NameMismatch.class);
    }

    @Test
    void aFileWithoutCertificatesSaysWhichFile() {
        Path empty = temp.resolve("empty.crt");
        TlsFiles files = new TlsFiles(Optional.of(empty), Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> files.context("db1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.crt");
    }

    private X509TrustManager trust(String serverHost) {
        Path ca = TestCertificates.pem(temp, "ca.crt", PKI.ca());
        return (X509TrustManager) new TlsFiles(Optional.of(ca), Optional.empty(), Optional.empty()).trustManagers(serverHost)[0];
    }
}
