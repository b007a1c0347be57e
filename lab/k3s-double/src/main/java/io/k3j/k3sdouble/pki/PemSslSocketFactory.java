package io.k3j.k3sdouble.pki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * pgjdbc's {@code sslfactory} for the datastore: TLS from the PEM files kine puts in the
 * PostgreSQL DSN ({@code sslrootcert}, {@code sslcert}, {@code sslkey}), read as Go reads them
 * ({@link ClientTls}). pgjdbc's own factory wants the key as PKCS#8 DER; K3s users give PEM.
 * pgjdbc makes it with the connection's properties (its Properties constructor).
 */
public final class PemSslSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;

    public PemSslSocketFactory(Properties connection) throws IOException, GeneralSecurityException {
        this.delegate = ClientTls.context(file(connection, "sslrootcert"), file(connection, "sslcert"), file(connection, "sslkey"))
                .getSocketFactory();
    }

    private static Optional<Path> file(Properties connection, String name) {
        return Optional.ofNullable(connection.getProperty(name)).map(Path::of);
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return delegate.createSocket(socket, host, port, autoClose);
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
