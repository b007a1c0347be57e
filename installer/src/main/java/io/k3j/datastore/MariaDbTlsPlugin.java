package io.k3j.datastore;

import java.sql.SQLException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;
import org.mariadb.jdbc.export.ExceptionFactory;
import org.mariadb.jdbc.plugin.TlsSocketPlugin;

/**
 * MariaDB Connector/J's TLS for the datastore check, as kine's MySQL TLS config: the inventory's
 * CA and client certificate from PEM ({@link TlsFiles}; the connector's own options want key
 * stores), the server's certificate checked for the endpoint's host in the handshake, not the
 * tunnel's 127.0.0.1 the connector dials. The files come in the connection's properties ({@link JdbcTls}).
 */
public final class MariaDbTlsPlugin implements TlsSocketPlugin {
    static final String TYPE = "k3j-datastore";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public TrustManager[] getTrustManager(Configuration conf, ExceptionFactory exceptions, HostAddress host) throws SQLException {
        try {
            JdbcTls tls = JdbcTls.from(conf.nonMappedOptions());
            return tls.files().trustManagers(tls.serverHost());
        } catch (IllegalArgumentException e) {
            throw exceptions.create(e.getMessage(), "08000", e);
        }
    }

    @Override
    public KeyManager[] getKeyManager(Configuration conf, ExceptionFactory exceptions) throws SQLException {
        try {
            return JdbcTls.from(conf.nonMappedOptions()).files().keyManagers();
        } catch (IllegalArgumentException e) {
            throw exceptions.create(e.getMessage(), "08000", e);
        }
    }

    /** Not called with sslMode=verify-ca: the names were checked in the handshake, for the right host. */
    @Override
    public void verify(String host, SSLSession session, long serverThreadId) {
    }
}
