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
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
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

    /** A TLS context that trusts a server certificate of the CA (else the system's) naming {@code serverHost}. */
    public SSLContext context(String serverHost) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), trustManagers(serverHost), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw unusable(e);
        }
    }

    /** The client certificate to present, or none (null) unless both files are given. */
    public KeyManager[] keyManagers() {
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("client", privateKey(keyFile.get()), new char[0], certificates(certFile.get()).toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw unusable(e);
        }
    }

    public TrustManager[] trustManagers(String serverHost) {
        try {
            KeyStore store = null;
            if (caFile.isPresent()) {
                store = emptyStore();
                int index = 0;
                for (Certificate certificate : certificates(caFile.get())) {
                    store.setCertificateEntry("ca-" + index++, certificate);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return new TrustManager[] {new ServerTrustManager((X509TrustManager) factory.getTrustManagers()[0], serverHost)};
        } catch (GeneralSecurityException e) {
            throw unusable(e);
        }
    }

    private static IllegalArgumentException unusable(GeneralSecurityException e) {
        return new IllegalArgumentException("cannot make a TLS context of the datastore's TLS files: " + e.getMessage(), e);
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
