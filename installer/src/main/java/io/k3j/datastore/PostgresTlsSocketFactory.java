package io.k3j.datastore;

import java.io.IOException;
import java.net.Socket;
import java.util.Properties;
import org.postgresql.ssl.WrappedFactory;

/**
 * pgjdbc's {@code sslfactory} for the datastore check: TLS from the inventory's PEM files
 * ({@link TlsFiles}; pgjdbc's own factory reads only PKCS#8 DER keys), the server's certificate
 * checked for the endpoint's host, not the tunnel's 127.0.0.1 that pgjdbc dials. pgjdbc makes it
 * with the connection's properties ({@link JdbcTls}).
 */
public final class PostgresTlsSocketFactory extends WrappedFactory {
    private final String serverHost;

    public PostgresTlsSocketFactory(Properties connection) {
        JdbcTls tls = JdbcTls.from(connection);
        this.factory = tls.files().context(tls.serverHost()).getSocketFactory();
        this.serverHost = tls.serverHost();
    }

    /** The one pgjdbc calls: TLS over its connection, with the endpoint's host for SNI. */
    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return factory.createSocket(socket, serverHost, port, autoClose);
    }
}
