package io.k3j.k3sdouble.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.SQLException;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;
import org.mariadb.jdbc.export.ExceptionFactory;
import org.mariadb.jdbc.plugin.TlsSocketPlugin;

/**
 * MariaDB Connector/J's TLS for the datastore from the PEM files kine registers as the MySQL
 * driver's TLS config (k3s-io/kine pkg/drivers/mysql/mysql.go prepareConfig): the CA as
 * {@code serverSslCert}, the client certificate and key as {@value #CERT_FILE} / {@value #KEY_FILE}
 * (the connector's own options want a Java key store). The server's certificate is checked
 * against the CA and the host dialled, as Go's mysql driver sets ServerName to it.
 */
public final class PemTlsSocketPlugin implements TlsSocketPlugin {
    public static final String TYPE = "k3s-double-pem";
    public static final String CERT_FILE = "datastoreCertFile";
    public static final String KEY_FILE = "datastoreKeyFile";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TrustManager[] getTrustManager(Configuration conf, ExceptionFactory exceptions, HostAddress host) throws SQLException {
        try {
            return new TrustManager[] {ClientTls.trustManager(Optional.ofNullable(conf.serverSslCert()).map(Path::of), host.host)};
        } catch (IOException | GeneralSecurityException e) {
            throw exceptions.create("failed to load the datastore CA file: " + e.getMessage(), "08000", e);
        }
    }

    @Override
    public KeyManager[] getKeyManager(Configuration conf, ExceptionFactory exceptions) throws SQLException {
        try {
            return ClientTls.keyManagers(option(conf, CERT_FILE), option(conf, KEY_FILE));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw exceptions.create("failed to load the datastore client certificate: " + e.getMessage(), "08000", e);
        }
    }

    /** The host was checked in the handshake, against the address the connection was asked for. */
    @Override
    public void verify(String host, SSLSession session, long serverThreadId) {
    }

    private static Optional<Path> option(Configuration conf, String name) {
        return Optional.ofNullable(conf.nonMappedOptions().getProperty(name)).map(Path::of);
    }
}
