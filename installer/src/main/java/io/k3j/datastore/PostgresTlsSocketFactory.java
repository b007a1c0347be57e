package io.k3j.datastore;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * pgjdbc's {@code sslfactory} for the datastore check: TLS from the inventory's PEM files
 * ({@link TlsFiles}; pgjdbc's own factory reads only PKCS#8 DER keys), the server's certificate
 * checked for the endpoint's host, not the tunnel's 127.0.0.1 that pgjdbc dials. pgjdbc makes it
 * with the connection's properties ({@link JdbcTls}).
 */
public final class PostgresTlsSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverHost;

    public PostgresTlsSocketFactory(Properties connection) {
        JdbcTls tls = JdbcTls.from(connection);
        this.delegate = tls.files().context(tls.serverHost()).getSocketFactory();
        this.serverHost = tls.serverHost();
    }

    /** The one pgjdbc calls: TLS over its connection, with the endpoint's host for SNI. */
    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return delegate.createSocket(socket, serverHost, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
