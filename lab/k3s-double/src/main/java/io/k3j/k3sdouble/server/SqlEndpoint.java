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
    private static final Pattern MYSQL = Pattern.compile(
            "mysql://(?:(?<user>[^:@/]*)(?::(?<password>[^@]*))?@)?(?:tcp\\((?<host>[^)]+)\\))?/(?<db>[^?]*)(?:\\?.*)?");

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

    private static SqlEndpoint postgres(String endpoint) {
        URI uri = URI.create(endpoint);
        Properties login = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            login.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                login.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new SqlEndpoint(KineDialect.POSTGRES, uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                path.isEmpty() ? "kubernetes" : path.toLowerCase(), login);
    }

    private static SqlEndpoint mysql(String endpoint) {
        Matcher matcher = MYSQL.matcher(endpoint);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid mysql datastore endpoint " + endpoint);
        }
        Properties login = new Properties();
        if (matcher.group("user") != null) {
            login.setProperty("user", matcher.group("user"));
        }
        if (matcher.group("password") != null) {
            login.setProperty("password", matcher.group("password"));
        }
        String address = matcher.group("host") == null ? "localhost:3306" : matcher.group("host");
        int colon = address.lastIndexOf(':');
        String host = colon < 0 ? address : address.substring(0, colon);
        int port = colon < 0 ? 3306 : Integer.parseInt(address.substring(colon + 1));
        String database = matcher.group("db").isEmpty() ? "kubernetes" : matcher.group("db");
        return new SqlEndpoint(KineDialect.MYSQL, host, port, database, login);
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

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
