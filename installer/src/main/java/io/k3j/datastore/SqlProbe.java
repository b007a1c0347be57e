package io.k3j.datastore;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * Checks a PostgreSQL or MySQL/MariaDB datastore the way K3s will use it: log in with the
 * endpoint's credentials and make sure kine can create its table. Connects to {@code via}, which
 * is an SSH tunnel through a server host, so the check runs on the path K3s will take.
 */
public final class SqlProbe {
    private static final int TIMEOUT_SECONDS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    public ProbeResult check(Endpoint endpoint, InetSocketAddress via) {
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
        try (Connection connection = DriverManager.getConnection(url, login)) {
            return canCreateKineTable(connection, endpoint);
        } catch (SQLException e) {
            return explain(endpoint, e);
        }
    }

    /** kine creates its table on start (pkg/drivers/generic); a table it already made is fine too. */
    private static ProbeResult canCreateKineTable(Connection connection, Endpoint endpoint) throws SQLException {
        // Unique per probe: every server host checks at the same time.
        String probeTable = "k3j_probe_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            if (kineTableExists(connection)) {
                return ProbeResult.fine("logged in to " + endpoint.database() + "; kine's table is there already");
            }
            statement.execute("CREATE TABLE " + probeTable + " (id INTEGER)");
            statement.execute("DROP TABLE " + probeTable);
            return ProbeResult.fine("logged in to " + endpoint.database() + " and may create kine's table");
        } catch (SQLException e) {
            return ProbeResult.problem("logged in, but may not create tables in " + endpoint.database() + ": " + e.getMessage(),
                    "grant the user the right to create tables in that database (PostgreSQL: GRANT CREATE ON SCHEMA public; "
                            + "MySQL: GRANT ALL ON <db>.*)");
        }
    }

    private static boolean kineTableExists(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, "kine", null)) {
            return tables.next();
        }
    }

    private static ProbeResult explain(Endpoint endpoint, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage();
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
}
