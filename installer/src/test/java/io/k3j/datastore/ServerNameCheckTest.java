package io.k3j.datastore;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** The names a datastore certificate must hold, as Go (kine) checks them. */
class ServerNameCheckTest {
    private static final TestCertificates PKI = new TestCertificates();
    private static final X509Certificate DB1 = PKI.serving("ip:10.213.0.20", "dns:db1", "dns:*.db.example.com", "ip:127.0.0.1").certificate();

    @Test
    void anAddressMatchesAnIpSan() {
        assertThatCode(() -> ServerNameCheck.check(DB1, "10.213.0.20")).doesNotThrowAnyException();
    }

    @Test
    void aNameMatchesADnsSanInAnyCaseAndAWildcardOneLabel() {
        assertThatCode(() -> ServerNameCheck.check(DB1, "DB1")).doesNotThrowAnyException();
        assertThatCode(() -> ServerNameCheck.check(DB1, "pg.db.example.com")).doesNotThrowAnyException();
        assertThatThrownBy(() -> ServerNameCheck.check(DB1, "a.pg.db.example.com")).isInstanceOf(ServerNameCheck.NameMismatch.class);
    }

    @Test
    void anotherAddressIsAMismatchThatSaysWhatTheCertificateNames() {
        assertThatThrownBy(() -> ServerNameCheck.check(DB1, "10.213.0.21")).isInstanceOf(ServerNameCheck.NameMismatch.class)
                .hasMessage("the certificate is valid for 10.213.0.20, 127.0.0.1, not 10.213.0.21");
    }

    @Test
    void anAddressIsNeverMatchedAgainstDnsNames() {
        X509Certificate namesOnly = PKI.serving("dns:10.213.0.20").certificate();

        assertThatThrownBy(() -> ServerNameCheck.check(namesOnly, "10.213.0.20"))
                .hasMessage("the certificate is valid for no IP address, not 10.213.0.20");
    }
}
