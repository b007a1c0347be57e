package io.k3j.datastore;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA made in memory for tests, and the serving certificates it signs (EC P-256). */
final class TestCertificates {
    private final KeyPair caKeys = keyPair();
    private final X509Certificate ca = sign(new X500Name("CN=test-ca"), caKeys, true, null);

    X509Certificate ca() {
        return ca;
    }

    /** A certificate and its key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    /** A serving certificate with these SANs, each {@code dns:name} or {@code ip:address}. */
    Issued serving(String... sans) {
        GeneralName[] names = new GeneralName[sans.length];
        for (int i = 0; i < sans.length; i++) {
            String[] kindAndValue = sans[i].split(":", 2);
            names[i] = new GeneralName(kindAndValue[0].equals("ip") ? GeneralName.iPAddress : GeneralName.dNSName, kindAndValue[1]);
        }
        KeyPair keys = keyPair();
        return new Issued(sign(new X500Name("CN=datastore"), keys, false, new GeneralNames(names)), keys.getPrivate());
    }

    /** {@code certificate} as a PEM file in {@code directory}. */
    static Path pem(Path directory, String name, X509Certificate certificate) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return Files.writeString(directory.resolve(name), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private X509Certificate sign(X500Name subject, KeyPair keys, boolean isCa, GeneralNames sans) {
        Instant now = Instant.now();
        X500Name issuer = isCa ? subject : new X500Name(ca.getSubjectX500Principal().getName());
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build((isCa ? keys : caKeys).getPrivate())));
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
