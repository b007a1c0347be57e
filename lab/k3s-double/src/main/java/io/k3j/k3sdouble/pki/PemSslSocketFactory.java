package io.k3j.k3sdouble.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.ssl.WrappedFactory;

/**
 * pgjdbc's {@code sslfactory} for the datastore: TLS from the PEM files kine puts in the
 * PostgreSQL DSN ({@code sslrootcert}, {@code sslcert}, {@code sslkey}), read as Go reads them
 * ({@link ClientTls}). pgjdbc's own factory wants the key as PKCS#8 DER; K3s users give PEM.
 * pgjdbc makes it with the connection's properties (its Properties constructor); its
 * {@link WrappedFactory} passes every socket call on to the factory set here.
 */
public final class PemSslSocketFactory extends WrappedFactory {

    public PemSslSocketFactory(Properties connection) throws IOException, GeneralSecurityException {
        this.factory = ClientTls.context(file(connection, "sslrootcert"), file(connection, "sslcert"), file(connection, "sslkey"))
                .getSocketFactory();
    }

    private static Optional<Path> file(Properties connection, String name) {
        return Optional.ofNullable(connection.getProperty(name)).map(Path::of);
    }
}
