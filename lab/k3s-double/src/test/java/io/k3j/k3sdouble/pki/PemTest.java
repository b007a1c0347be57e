package io.k3j.k3sdouble.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;

class PemTest {

    @Test
    void aPkcs8KeyIsRead() throws Exception {
        KeyPair ec = ec();

        assertThat(Pem.readAnyPrivateKey(Pem.privateKey(ec.getPrivate())).getEncoded()).isEqualTo(ec.getPrivate().getEncoded());
    }

    @Test
    void traditionalEcAndRsaKeysAreRead() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        KeyPair rsa = rsaGenerator.generateKeyPair();
        PrivateKey ec = withCurveInside();

        String ecPem = traditional(ec);
        String rsaPem = traditional(rsa.getPrivate());

        assertThat(ecPem).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(rsaPem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(((ECPrivateKey) Pem.readAnyPrivateKey(ecPem)).getS()).isEqualTo(((ECPrivateKey) ec).getS());
        assertThat(Pem.readAnyPrivateKey(rsaPem).getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void aFileWithoutAKeyIsRefusedWithGosWords() {
        String certificateOnly = Pem.certificate(CertificateAuthority.create("k3s-server-ca", Instant.now()).certificate());

        assertThatThrownBy(() -> Pem.readAnyPrivateKey(certificateOnly)).hasMessage("tls: failed to find any PEM data in key input");
    }

    @Test
    void aBundleGivesEveryCertificate() {
        String bundle = Pem.certificate(CertificateAuthority.create("a", Instant.now()).certificate())
                + Pem.certificate(CertificateAuthority.create("b", Instant.now()).certificate());

        assertThat(Pem.readCertificates(bundle)).hasSize(2);
    }

    /** An EC key whose traditional PEM names its curve, as openssl writes it (the JDK's own encoding leaves the curve out). */
    static PrivateKey withCurveInside() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPrivate();
    }

    static String traditional(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        }
        return out.toString();
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
