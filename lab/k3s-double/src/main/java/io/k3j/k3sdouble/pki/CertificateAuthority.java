package io.k3j.k3sdouble.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's server CA and the certificates it signs. As K3s (dynamiclistener, pkg/daemons/
 * control/deps): ECDSA P-256 keys, CA named {@code k3s-server-ca@<unix time>}, valid 10 years;
 * serving certificates for every name and address a client may use (tls-san included); leaf
 * certificates valid 365 days from {@code now} (docs.k3s.io cli/certificate: CAs 10 years, client
 * and server certificates 365 days). {@code now} is the issue time, which a test may set in the past.
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey key) {
    public static final Duration CA_LIFETIME = Duration.ofDays(3650);
    public static final Duration LEAF_LIFETIME = Duration.ofDays(365);

    /** A CA named as K3s names its CAs: {@code k3s-server-ca@<unix time>}, {@code k3s-client-ca@...}. */
    public static CertificateAuthority create(String prefix, Instant now) {
        KeyPair pair = newKeyPair();
        X500Name name = new X500Name("CN=" + prefix + "@" + now.getEpochSecond());
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now),
                    Date.from(now.plus(CA_LIFETIME)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
            return new CertificateAuthority(sign(builder, pair.getPrivate()), pair.getPrivate());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A serving certificate for {@code dnsNames} and {@code addresses}, and its new key. */
    public Issued issueServing(String commonName, List<String> dnsNames, List<String> addresses, Instant now) {
        return issueServing(commonName, dnsNames, addresses, now, newKeyPair());
    }

    /** The same with a key it has already: a renewal keeps the key, as K3s' does. */
    public Issued issueServing(String commonName, List<String> dnsNames, List<String> addresses, Instant now, KeyPair pair) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        addresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(LEAF_LIFETIME)), new X500Name("CN=" + commonName), pair.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            return new Issued(sign(builder, key), pair.getPrivate());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client certificate: {@code CN=commonName, O=organization} (system:admin in system:masters for the kubeconfig). */
    public Issued issueClient(String commonName, String organization, Instant now) {
        return issueClient(commonName, organization, now, newKeyPair());
    }

    /** The same with a key it has already. */
    public Issued issueClient(String commonName, String organization, Instant now, KeyPair pair) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(LEAF_LIFETIME)), new X500Name("O=" + organization + ",CN=" + commonName), pair.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            return new Issued(sign(builder, key), pair.getPrivate());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {

        /** The key pair, for a renewal that keeps it. */
        public KeyPair keyPair() {
            return new KeyPair(certificate.getPublicKey(), key);
        }
    }

    /** Whether {@code text} is an IP address literal (for a SAN entry). */
    public static boolean isIp(String text) {
        if (!text.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(text);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(63, new SecureRandom());
    }
}
