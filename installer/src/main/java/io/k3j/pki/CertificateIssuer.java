package io.k3j.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes a datastore's certificates: ECDSA P-256 keys, a CA (10 years) that signs a serving
 * certificate for the datastore host and a client certificate for K3s (2 years each). Pure: the
 * time comes from the clock, the keys and serials from the random source; nothing is written.
 */
public final class CertificateIssuer {
    static final Duration CA_VALIDITY = Duration.ofDays(3653);
    static final Duration LEAF_VALIDITY = Duration.ofDays(731);
    /** Certificates start an hour back, so a host whose clock is a little behind already accepts them. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private final Clock clock;
    private final SecureRandom random;

    public CertificateIssuer(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * The certificates for cluster {@code cluster}'s datastore: served under {@code servingNames}
     * (addresses become IP names, others DNS names), the client's common name {@code clientName}.
     */
    public DatastoreCertificates issue(String cluster, List<String> servingNames, String clientName) {
        try {
            KeyPair caKeys = keyPair();
            X500Name caName = commonName("k3j-install " + cluster + " datastore CA");
            X509Certificate ca = sign(builder(caName, caName, caKeys, CA_VALIDITY)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), caKeys);
            KeyPair clientKeys = keyPair();
            X509Certificate client = sign(leaf(ca, caName, commonName(clientName), clientKeys, KeyPurposeId.id_kp_clientAuth), caKeys);
            return new DatastoreCertificates(issued(ca, caKeys), serving(ca, caKeys, servingNames), issued(client, clientKeys));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the datastore's certificates: " + e.getMessage(), e);
        }
    }

    /**
     * A new serving certificate and key for {@code servingNames}, signed by the kept {@code ca}: the
     * datastore hosts changed, and every client (K3s, the other members) still trusts that CA.
     */
    public DatastoreCertificates.Issued reissueServing(DatastoreCertificates.Issued ca, List<String> servingNames) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(ca.certificate().getBytes(StandardCharsets.US_ASCII)));
            Object key;
            try (PEMParser parser = new PEMParser(new StringReader(ca.key()))) {
                key = parser.readObject();
            }
            if (!(key instanceof PrivateKeyInfo info)) {
                throw new IllegalStateException("the CA key is not a PKCS#8 private key");
            }
            KeyPair caKeys = new KeyPair(certificate.getPublicKey(), new JcaPEMKeyConverter().getPrivateKey(info));
            return serving(certificate, caKeys, servingNames);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a new serving certificate with the kept CA: " + e.getMessage(), e);
        }
    }

    /** Client use too: etcd's JSON gateway dials etcd itself with the serving certificate, and client-cert-auth checks it. */
    private DatastoreCertificates.Issued serving(X509Certificate ca, KeyPair caKeys, List<String> servingNames)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair serverKeys = keyPair();
        X500Name caName = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        X509Certificate server = sign(leaf(ca, caName, commonName(servingNames.get(0)), serverKeys, KeyPurposeId.id_kp_serverAuth,
                KeyPurposeId.id_kp_clientAuth)
                .addExtension(Extension.subjectAlternativeName, false, alternativeNames(servingNames)), caKeys);
        return issued(server, serverKeys);
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private X509v3CertificateBuilder leaf(X509Certificate ca, X500Name caName, X500Name subject, KeyPair keys, KeyPurposeId... purposes)
            throws GeneralSecurityException, CertIOException {
        return builder(caName, subject, keys, LEAF_VALIDITY)
                .addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Duration validity)
            throws GeneralSecurityException, CertIOException {
        Instant now = clock.instant();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random).add(BigInteger.ONE),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(now.plus(validity)), subject, keys.getPublic())
                .addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws GeneralSecurityException, OperatorCreationException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random).build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static X500Name commonName(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    }

    private static GeneralNames alternativeNames(List<String> names) {
        return new GeneralNames(names.stream()
                .map(name -> new GeneralName(IPAddress.isValid(name) ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }

    private static DatastoreCertificates.Issued issued(X509Certificate certificate, KeyPair keys) throws IOException {
        return new DatastoreCertificates.Issued(pem(certificate), pem(new JcaPKCS8Generator(keys.getPrivate(), null)));
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
