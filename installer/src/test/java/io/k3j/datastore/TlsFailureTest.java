package io.k3j.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** What each TLS failure tells the operator, for any datastore. */
class TlsFailureTest {
    private static final TlsFailure POSTGRES = TlsFailure.postgres("PostgreSQL at db1:5432");

    @Test
    void aCertificateOfAnotherCaAsksForTheRightCaFile() {
        ProbeResult result = POSTGRES.handshake(new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"));

        assertThat(result.detail()).isEqualTo("PostgreSQL at db1:5432 serves a certificate that datastore.tls.caFile did not sign");
        assertThat(result.fix()).hasValue("set datastore.tls.caFile to the CA that signed PostgreSQL's serving certificate");
    }

    @Test
    void aCertificateWithoutTheHostSaysWhatItNames() {
        SSLHandshakeException e = new SSLHandshakeException("the certificate is valid for 10.0.0.9, not db1");
        e.initCause(new ServerNameCheck.NameMismatch("the certificate is valid for 10.0.0.9, not db1"));

        ProbeResult result = POSTGRES.handshake(e);

        assertThat(result.detail()).isEqualTo("PostgreSQL at db1:5432 serves a certificate that does not name that host: "
                + "the certificate is valid for 10.0.0.9, not db1");
        assertThat(result.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("PostgreSQL's certificate was issued for"));
    }

    @Test
    void aRefusedClientCertificateNamesTheDatastoresSettingForTrustedClients() {
        ProbeResult result = TlsFailure.mysql("MySQL at db1:3306").handshake(new SSLHandshakeException("Received fatal alert: unknown_ca"));

        assertThat(result.detail()).isEqualTo("MySQL at db1:3306 refused the client certificate: Received fatal alert: unknown_ca");
        assertThat(result.fix()).hasValue("give datastore.tls.certFile and keyFile a client certificate signed by the CA MySQL trusts (ssl_ca)");
    }

    @Test
    void aMissingClientCertificateAsksForOne() {
        ProbeResult result = TlsFailure.etcd("etcd at db1:2379").handshake(new SSLHandshakeException("Received fatal alert: certificate_required"));

        assertThat(result.detail()).isEqualTo("etcd at db1:2379 wants a client certificate: Received fatal alert: certificate_required");
        assertThat(result.fix()).hasValueSatisfying(fix -> assertThat(fix).endsWith("the CA etcd trusts (--trusted-ca-file)"));
    }

    @Test
    void anyOtherFailureShowsTheHandshakesWords() {
        ProbeResult result = POSTGRES.handshake(new SSLHandshakeException("Remote host terminated the handshake"));

        assertThat(result.detail()).isEqualTo("the TLS handshake with PostgreSQL at db1:5432 failed: Remote host terminated the handshake");
    }
}
