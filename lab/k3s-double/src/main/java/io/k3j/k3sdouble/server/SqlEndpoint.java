package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.kine.KineDialect;
import io.k3j.k3sdouble.pki.PemSslSocketFactory;
import io.k3j.k3sdouble.pki.PemTlsSocketPlugin;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code datastore-endpoint} for PostgreSQL or MySQL as kine reads it (pkg/endpoint/endpoint.go,
 * drivers' prepareDSN): default database {@code kubernetes}; no scheme or an unknown one is an error
 * with kine's words. {@code properties} are the JDBC connection's: user, password, TLS.
 */
public record SqlEndpoint(KineDialect dialect, String host, int port, String database, Properties properties) {
    /** ParseDSN's {@code [net[(addr)]]}: the double speaks tcp only. */
    private static final Pattern MYSQL_NET = Pattern.compile("(?:tcp(?:\\(([^)]*)\\))?)?");

    public static SqlEndpoint parse(String endpoint) {
        int scheme = endpoint.indexOf("://");
        if (scheme < 0) {
            throw new IllegalArgumentException("invalid datastore endpoint; endpoint should be a DSN URI in the format "
                    + "<scheme>://<authority>");
        }
        return switch (endpoint.substring(0, scheme)) {
            case "postgres", "postgresql" -> postgres(endpoint);
            case "mysql" -> mysql(endpoint);
            default -> throw new IllegalArgumentException("unknown driver \"" + endpoint.substring(0, scheme) + "\"");
        };
    }

    /**
     * As Go's url.Parse reads it (kine's pgsql driver hands the URL to lib/pq): the fragment and the
     * query cut off first, the authority up to the first '/', the user info up to its last '@',
     * user and password percent-decoded with '+' kept as '+' (net/url's encodeUserPassword mode).
     */
    private static SqlEndpoint postgres(String endpoint) {
        String rest = endpoint.substring(endpoint.indexOf("://") + 3).split("#", 2)[0].split("\\?", 2)[0];
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        Properties login = new Properties();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            login.setProperty("user", percentDecoded(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                login.setProperty("password", percentDecoded(userInfo.substring(colon + 1)));
            }
        }
        URI hostPort = URI.create("postgres://" + authority.substring(at + 1));
        return new SqlEndpoint(KineDialect.POSTGRES, hostPort.getHost(), hostPort.getPort() < 0 ? 5432 : hostPort.getPort(),
                path.isEmpty() ? "kubernetes" : path.toLowerCase(), login);
    }

    /**
     * As go-sql-driver's ParseDSN reads {@code [user[:password]@][tcp(address)]/dbname[?params]}
     * (kine strips {@code mysql://}): the database after the last '/', the login before the last
     * '@' in front of it, the user up to its first ':'. Nothing is decoded.
     */
    private static SqlEndpoint mysql(String endpoint) {
        String dsn = endpoint.substring("mysql://".length());
        int slash = dsn.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid DSN: missing the slash separating the database name");
        }
        String front = dsn.substring(0, slash);
        Properties login = new Properties();
        int at = front.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = front.substring(0, at);
            int colon = userInfo.indexOf(':');
            login.setProperty("user", colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                login.setProperty("password", userInfo.substring(colon + 1));
            }
        }
        Matcher net = MYSQL_NET.matcher(front.substring(at + 1));
        if (!net.matches()) {
            throw new IllegalArgumentException("invalid DSN: network address not terminated (missing closing brace)");
        }
        String address = net.group(1) == null ? "localhost:3306" : net.group(1);
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        int port = colon < 0 ? 3306 : Integer.parseInt(address.substring(colon + 1));
        String database = dsn.substring(slash + 1).split("\\?", 2)[0];
        return new SqlEndpoint(KineDialect.MYSQL, host, port, database.isEmpty() ? "kubernetes" : database, login);
    }

    /**
     * The endpoint with the datastore TLS files. PostgreSQL as kine's pgsql prepareConfig adds them
     * to the DSN: sslrootcert, sslcert, sslkey and {@code sslmode=verify-full}, read through
     * {@link PemSslSocketFactory} (the files are PEM). MySQL as kine's mysql prepareConfig
     * registers them as the driver's TLS config: the CA and client certificate, the server's name
     * checked, through {@link PemTlsSocketPlugin}.
     */
    public SqlEndpoint withTls(DatastoreTls tls) {
        if (!tls.configured()) {
            return this;
        }
        Properties withTls = new Properties();
        withTls.putAll(properties);
        if (dialect == KineDialect.MYSQL) {
            withTls.setProperty("sslMode", "verify-full");
            withTls.setProperty("tlsSocketType", PemTlsSocketPlugin.TYPE);
            tls.caFile().ifPresent(file -> withTls.setProperty("serverSslCert", file.toString()));
            tls.certFile().ifPresent(file -> withTls.setProperty(PemTlsSocketPlugin.CERT_FILE, file.toString()));
            tls.keyFile().ifPresent(file -> withTls.setProperty(PemTlsSocketPlugin.KEY_FILE, file.toString()));
        } else {
            withTls.setProperty("sslmode", "verify-full");
            withTls.setProperty("sslfactory", PemSslSocketFactory.class.getName());
            tls.caFile().ifPresent(file -> withTls.setProperty("sslrootcert", file.toString()));
            tls.certFile().ifPresent(file -> withTls.setProperty("sslcert", file.toString()));
            tls.keyFile().ifPresent(file -> withTls.setProperty("sslkey", file.toString()));
        }
        return new SqlEndpoint(dialect, host, port, database, withTls);
    }

    public String jdbcUrl(String databaseName) {
        String scheme = dialect == KineDialect.POSTGRES ? "jdbc:postgresql://" : "jdbc:mariadb://";
        return scheme + host + ":" + port + "/" + databaseName + (dialect == KineDialect.POSTGRES ? "?connectTimeout=10" : "?connectTimeout=10000");
    }

    /** The database to connect to when creating {@link #database()}: PostgreSQL's {@code postgres}, none for MySQL. */
    public String maintenanceDatabase() {
        return dialect == KineDialect.POSTGRES ? "postgres" : "";
    }

    /** Percent-decoding only: URLDecoder's '+' as a space is the form encoding, not the user info's. */
    private static String percentDecoded(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
