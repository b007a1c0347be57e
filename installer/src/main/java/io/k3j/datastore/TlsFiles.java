package io.k3j.datastore;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The datastore's TLS files as K3s takes them ({@code datastore-cafile}, {@code -certfile},
 * {@code -keyfile}: PEM), made into a TLS context for checking the datastore the way K3s will
 * connect to it. Without a CA file the system's trust store is used, as K3s does.
 */
public record TlsFiles(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {

    public SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(certFile.isPresent() && keyFile.isPresent() ? keyManagers(certFile.get(), keyFile.get()).getKeyManagers() : null,
                    caFile.isPresent() ? trustManagers(caFile.get()).getTrustManagers() : null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot make a TLS context of the datastore's TLS files: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(Path caFile) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        int index = 0;
        for (Certificate certificate : certificates(caFile)) {
            store.setCertificateEntry("ca-" + index++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static KeyManagerFactory keyManagers(Path certFile, Path keyFile) throws GeneralSecurityException {
        KeyStore store = emptyStore();
        store.setKeyEntry("client", privateKey(keyFile), new char[0], certificates(certFile).toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        return factory;
    }

    private static Collection<? extends Certificate> certificates(Path file) throws GeneralSecurityException {
        try (var in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException(file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A PKCS#8 ({@code PRIVATE KEY}) or traditional ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}) PEM key. */
    private static PrivateKey privateKey(Path file) throws GeneralSecurityException {
        try (Reader reader = Files.newBufferedReader(file); PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (pem instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (pem instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new GeneralSecurityException(file + " holds no unencrypted PEM private key");
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
