package io.k3j.datastore;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLException;

/**
 * Checks a PostgreSQL or MySQL/MariaDB datastore the way K3s will use it: log in with the
 * endpoint's credentials and make sure kine can create its table. Connects to {@code via}, which
 * is an SSH tunnel through a server host, so the check runs on the path K3s will take. With TLS
 * files it connects as kine does with them: TLS only, the server's certificate signed by the CA
 * and naming the endpoint's host, the client certificate presented.
 */
public final class SqlProbe {
    private static final int TIMEOUT_SECONDS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ProbeResult check(Endpoint endpoint, Optional<TlsFiles> tls, InetSocketAddress via) {
        String url = switch (endpoint.type()) {
            case POSTGRES -> "jdbc:postgresql://" + via.getHostString() + ":" + via.getPort() + "/" + endpoint.database()
                    + "?connectTimeout=" + TIMEOUT_SECONDS;
            case MYSQL -> "jdbc:mariadb://" + via.getHostString() + ":" + via.getPort() + "/" + endpoint.database()
                    + "?connectTimeout=" + TIMEOUT_SECONDS * 1000;
            case ETCD -> throw new IllegalArgumentException("etcd is not an SQL datastore");
        };
        Properties login = new Properties();
        endpoint.user().ifPresent(user -> login.setProperty("user", user));
        endpoint.password().ifPresent(password -> login.setProperty("password", password));
        Endpoint.HostPort server = endpoint.servers().get(0);
        if (tls.isPresent()) {
            try {
                // Read here: the drivers would say no more than that their TLS plug-in failed.
                tls.get().context(server.host());
            } catch (IllegalArgumentException e) {
                return ProbeResult.problem(e.getMessage(), "give datastore.tls PEM files this user can read");
            }
            withTls(login, endpoint.type(), new JdbcTls(tls.get(), server.host()));
        }
        try (Connection connection = DriverManager.getConnection(url, login)) {
            return canCreateKineTable(connection, endpoint, tls.isPresent());
        } catch (SQLException e) {
            return explain(endpoint, e);
        }
    }

    /**
     * kine's TLS: PostgreSQL gets sslmode=verify-full with the files (pkg/drivers/pgsql), MySQL a
     * TLS config of the CA and client certificate that checks the server's name (pkg/drivers/mysql).
     * Here both drivers verify the CA only: the plug-ins check the names, for the endpoint's host.
     */
    private static void withTls(Properties connection, Endpoint.Type type, JdbcTls tls) {
        if (type == Endpoint.Type.POSTGRES) {
            connection.setProperty("sslmode", "verify-ca");
            connection.setProperty("sslfactory", PostgresTlsSocketFactory.class.getName());
        } else {
            connection.setProperty("sslMode", "verify-ca");
            connection.setProperty("tlsSocketType", MariaDbTlsPlugin.TYPE);
        }
        tls.addTo(connection);
    }

    /** kine creates its table on start (pkg/drivers/generic); a table it already made is fine too. */
    private static ProbeResult canCreateKineTable(Connection connection, Endpoint endpoint, boolean tls) throws SQLException {
        // Unique per probe: every server host checks at the same time.
        String probeTable = "k3j_probe_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            if (kineTableExists(connection)) {
                return ProbeResult.fine(loggedIn(endpoint, tls) + "; kine's table is there already");
            }
            statement.execute("CREATE TABLE " + probeTable + " (id INTEGER)");
            statement.execute("DROP TABLE " + probeTable);
            return ProbeResult.fine(loggedIn(endpoint, tls) + " and may create kine's table");
        } catch (SQLException e) {
            return ProbeResult.problem("logged in, but may not create tables in " + endpoint.database() + ": " + e.getMessage(),
                    "grant the user the right to create tables in that database (PostgreSQL: GRANT CREATE ON SCHEMA public; "
                            + "MySQL: GRANT ALL ON <db>.*)");
        }
    }

    private static String loggedIn(Endpoint endpoint, boolean tls) {
        return "logged in to " + endpoint.database() + (tls ? " over TLS with the given certificates" : "");
    }

    private static boolean kineTableExists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "kine", null)) {
            return tables.next();
        }
    }

    private static ProbeResult explain(Endpoint endpoint, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage();
        TlsFailure tlsFailure = tlsFailure(endpoint);
        Optional<SSLException> handshake = TlsFailure.cause(e, SSLException.class);
        if (handshake.isPresent()) {
            return tlsFailure.handshake(handshake.get());
        }
        if (message.contains("requires a valid client certificate")) {
            return tlsFailure.clientCertificateRequired(message);
        }
        if (state.startsWith("28") || message.contains("Access denied") || message.contains("password authentication failed")) {
            return ProbeResult.problem("login refused for user " + endpoint.user().orElse("(none)") + ": " + message,
                    "check the user and password in datastore.endpoint, and that the server hosts may log in "
                            + "(pg_hba.conf / the MySQL account's host)");
        }
        if (state.equals("3D000") || message.contains("Unknown database")) {
            return ProbeResult.problem("database " + endpoint.database() + " does not exist: " + message,
                    "create it, or let k3j-install provision the datastore (datastore.provision)");
        }
        return ProbeResult.problem("cannot reach the datastore: " + message,
                "check that it runs, listens on the address the servers use, and no firewall is in the way");
    }

    private static TlsFailure tlsFailure(Endpoint endpoint) {
        Endpoint.HostPort server = endpoint.servers().get(0);
        String address = server.host() + ":" + server.port();
        return endpoint.type() == Endpoint.Type.POSTGRES ? TlsFailure.postgres("PostgreSQL at " + address)
                : TlsFailure.mysql("MySQL at " + address);
    }
}
