package io.k3j.k3sdouble.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS a K3s server uses towards its datastore, made from the {@code datastore-cafile},
 * {@code -certfile} and {@code -keyfile} PEM files as etcd's transport.TLSInfo.ClientConfig does
 * for kine (k3s-io/kine pkg/tls/config.go): the CA file replaces the system roots, the client
 * certificate and key are presented when given. Without a CA file the JVM's roots stand in for
 * the system's. TLS 1.2 at most: a server refusing the client certificate then says so in the
 * handshake (an alert Java reports), where under TLS 1.3 Java only sees the connection close.
 */
public final class ClientTls {

    private ClientTls() {
    }

    public static SSLContext context(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile)
            throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(keyManagers(certFile, keyFile), new TrustManager[] {new GoVerifyingTrustManager(roots(caFile), null)}, null);
        return context;
    }

    /** A trust manager that checks the server's certificate against {@code caFile} and for {@code host}, as Go does. */
    public static TrustManager trustManager(Optional<Path> caFile, String host) throws IOException, GeneralSecurityException {
        return new GoVerifyingTrustManager(roots(caFile), host);
    }

    private static X509TrustManager roots(Optional<Path> caFile) throws IOException, GeneralSecurityException {
        KeyStore trusted = null;
        if (caFile.isPresent()) {
            trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            List<X509Certificate> cas = Pem.readCertificates(Files.readString(caFile.get()));
            for (int i = 0; i < cas.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, cas.get(i));
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(trusted);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** The client certificate and key to present, or none (null) unless both files are given. */
    public static KeyManager[] keyManagers(Optional<Path> certFile, Optional<Path> keyFile) throws IOException, GeneralSecurityException {
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            return null;
        }
        List<X509Certificate> chain = Pem.readCertificates(Files.readString(certFile.get()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        char[] password = "datastore".toCharArray();
        keys.setKeyEntry("client", Pem.readAnyPrivateKey(Files.readString(keyFile.get())), password, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        return factory.getKeyManagers();
    }
}
