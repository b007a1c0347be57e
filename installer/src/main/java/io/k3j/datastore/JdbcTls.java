package io.k3j.datastore;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The datastore's TLS files and the endpoint's own host, carried in a JDBC connection's properties
 * to the drivers' TLS plug-ins ({@link PostgresTlsSocketFactory}, {@link MariaDbTlsPlugin}): the
 * drivers make those themselves and hand them nothing but the connection's properties.
 */
record JdbcTls(TlsFiles files, String serverHost) {
    private static final String CA_FILE = "k3jTlsCaFile";
    private static final String CERT_FILE = "k3jTlsCertFile";
    private static final String KEY_FILE = "k3jTlsKeyFile";
    private static final String SERVER_HOST = "k3jTlsServerHost";

    void addTo(Properties connection) {
        files.caFile().ifPresent(file -> connection.setProperty(CA_FILE, file.toString()));
        files.certFile().ifPresent(file -> connection.setProperty(CERT_FILE, file.toString()));
        files.keyFile().ifPresent(file -> connection.setProperty(KEY_FILE, file.toString()));
        connection.setProperty(SERVER_HOST, serverHost);
    }

    static JdbcTls from(Properties connection) {
        String serverHost = connection.getProperty(SERVER_HOST);
        if (serverHost == null) {
            throw new IllegalArgumentException(SERVER_HOST + " is missing: the datastore's TLS goes through SqlProbe");
        }
        return new JdbcTls(new TlsFiles(file(connection, CA_FILE), file(connection, CERT_FILE), file(connection, KEY_FILE)), serverHost);
    }

    private static Optional<Path> file(Properties connection, String name) {
        return Optional.ofNullable(connection.getProperty(name)).map(Path::of);
    }
}
