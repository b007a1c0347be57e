package io.k3j.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PkiCertificateIssuerTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;

    private final ManualClock clock = new ManualClock();
    private final DatastoreCertificates made = new CertificateIssuer(clock, new SecureRandom())
            .issue("edge", List.of("198.51.100.5", "db1"), "k3s");

    @Test
    void theCaSignsBothLeavesAndOnlyTheCaMaySignCertificates() throws Exception {
        X509Certificate ca = certificate(made.ca().certificate());
        X509Certificate server = certificate(made.server().certificate());
        X509Certificate client = certificate(made.client().certificate());

        ca.verify(ca.getPublicKey());
        server.verify(ca.getPublicKey());
        client.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=k3j-install edge datastore CA");
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(ca.getKeyUsage()[KEY_CERT_SIGN]).isTrue();
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        assertThat(client.getBasicConstraints()).isEqualTo(-1);
        assertThat(server.getKeyUsage()[KEY_CERT_SIGN]).isFalse();
        assertThat(server.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    }

    @Test
    void theServingCertificateNamesTheHostsAddressAndNameAndServesEtcdsOwnGatewayAsAClientToo() throws Exception {
        X509Certificate server = certificate(made.server().certificate());

        assertThat(server.getSubjectAlternativeNames()).extracting(name -> name.get(0) + "=" + name.get(1))
                .containsExactly("7=198.51.100.5", "2=db1");
        assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH, CLIENT_AUTH);
        assertThat(server.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
    }

    @Test
    void theClientCertificateIsNamedForTheUserAndOnlyForClients() throws Exception {
        X509Certificate client = certificate(made.client().certificate());

        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=k3s");
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void keysArePkcs8P256AndMatchTheirCertificates() throws Exception {
        for (DatastoreCertificates.Issued issued : List.of(made.ca(), made.server(), made.client())) {
            X509Certificate certificate = certificate(issued.certificate());
            assertThat(issued.key()).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey(issued.key()));
            signature.update(new byte[] {1, 2, 3});
            byte[] signed = signature.sign();
            signature.initVerify(certificate.getPublicKey());
            signature.update(new byte[] {1, 2, 3});
            assertThat(signature.verify(signed)).isTrue();
        }
    }

    @Test
    void validityStartsAnHourBackAndRunsTenYearsForTheCaTwoForTheLeaves() throws Exception {
        X509Certificate ca = certificate(made.ca().certificate());
        X509Certificate server = certificate(made.server().certificate());

        assertThat(ca.getNotBefore().toInstant()).isEqualTo(clock.instant().minus(Duration.ofHours(1)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(clock.instant().plus(CertificateIssuer.CA_VALIDITY));
        assertThat(server.getNotAfter().toInstant()).isEqualTo(clock.instant().plus(CertificateIssuer.LEAF_VALIDITY));
        assertThat(CertificateIssuer.CA_VALIDITY).isGreaterThanOrEqualTo(Duration.ofDays(3650));
        assertThat(CertificateIssuer.LEAF_VALIDITY).isGreaterThanOrEqualTo(Duration.ofDays(730));
    }

    @Test
    void everyCallMakesNewKeys() {
        DatastoreCertificates again = new CertificateIssuer(clock, new SecureRandom()).issue("edge", List.of("198.51.100.5"), "k3s");

        assertThat(again.ca().key()).isNotEqualTo(made.ca().key());
        assertThat(again.client().key()).isNotEqualTo(made.client().key());
    }

    static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
