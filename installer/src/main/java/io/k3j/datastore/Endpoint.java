package io.k3j.datastore;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A K3s {@code datastore-endpoint}, parsed the way kine reads it (k3s-io/kine
 * pkg/endpoint/endpoint.go and the drivers): {@code postgres://user:pass@host:5432/db},
 * {@code mysql://user:pass@tcp(host:3306)/db}, or etcd as comma-separated {@code https://host:2379}.
 * Default database {@code kubernetes}, default ports 5432 / 3306 / 2379.
 *
 * <p>The two SQL forms treat user info differently, and so does this class, as kine's drivers do:
 * the postgres URL goes through Go's {@code url.Parse}, which percent-decodes the user info and
 * takes the last {@code @} of the authority, so user and password are percent-encoded here; the
 * MySQL DSN goes through go-sql-driver's {@code ParseDSN}, which decodes nothing and splits at the
 * last {@code /}, the last {@code @} before it and the first {@code :} (so any password fits as it
 * is, and only a user with ':' or '@' would not).
 */
public record Endpoint(Type type, List<HostPort> servers, Optional<String> user, Optional<String> password, String database) {

    public enum Type { POSTGRES, MYSQL, ETCD }

    /** This endpoint with only {@code server}: one etcd member of several, asked on its own. */
    public Endpoint only(HostPort server) {
        return new Endpoint(type, List.of(server), user, password, database);
    }

    public record HostPort(String scheme, String host, int port) {
    }

    public static final String DEFAULT_DATABASE = "kubernetes";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    public static Endpoint parse(String endpoint) {
        int schemeEnd = endpoint.indexOf("://");
        if (schemeEnd < 0) {
            throw new IllegalArgumentException("invalid datastore endpoint; endpoint should be a DSN URI in the format "
                    + "<scheme>://<authority>");
        }
        String scheme = endpoint.substring(0, schemeEnd);
        return switch (scheme) {
            case "postgres", "postgresql" -> postgres(endpoint);
            case "mysql" -> mysql(endpoint);
            case "http", "https" -> etcd(endpoint);
            default -> throw new IllegalArgumentException("unknown datastore scheme '" + scheme
                    + "': use postgres://, mysql:// or https:// (etcd)");
        };
    }

    private static Endpoint postgres(String endpoint) {
        URI uri = uri(endpoint);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("postgres endpoint has no host: postgres://user:password@host:5432/database");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String[] userInfo = splitUserInfo(uri.getRawUserInfo());
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new Endpoint(Type.POSTGRES, List.of(new HostPort("postgres", host, port)),
                Optional.ofNullable(userInfo[0]), Optional.ofNullable(userInfo[1]),
                path.isEmpty() ? DEFAULT_DATABASE : path.toLowerCase());
    }

    /** As go-sql-driver's ParseDSN: {@code [user[:password]@][tcp(address)]/dbname[?params]}, nothing decoded. */
    private static Endpoint mysql(String endpoint) {
        String dsn = endpoint.substring("mysql://".length());
        int slash = dsn.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("mysql endpoint must look like mysql://user:password@tcp(host:3306)/database");
        }
        String left = dsn.substring(0, slash);
        int at = left.lastIndexOf('@');
        String net = left.substring(at + 1);
        if (!net.isEmpty() && !(net.startsWith("tcp(") && net.endsWith(")"))) {
            throw new IllegalArgumentException("mysql endpoint must look like mysql://user:password@tcp(host:3306)/database");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (at >= 0) {
            String userInfo = left.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = Optional.of(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? Optional.empty() : Optional.of(userInfo.substring(colon + 1));
        }
        HostPort server = hostPort("mysql", net.isEmpty() ? "localhost:3306" : net.substring(4, net.length() - 1), 3306);
        String rest = dsn.substring(slash + 1);
        String database = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        return new Endpoint(Type.MYSQL, List.of(server), user, password, database.isEmpty() ? DEFAULT_DATABASE : database);
    }

    /**
     * The password as the endpoint's text holds it (percent-encoded in a postgres URL), to be
     * masked alongside the decoded one; empty without a password.
     */
    public static Optional<String> passwordAsWritten(String endpoint) {
        Endpoint parsed = parse(endpoint);
        if (parsed.type() != Type.POSTGRES || parsed.password().isEmpty()) {
            return parsed.password();
        }
        String userInfo = URI.create(endpoint).getRawUserInfo();
        return Optional.of(userInfo.substring(userInfo.indexOf(':') + 1));
    }

    /**
     * A parameter of a postgres URL's query ({@code ?sslmode=verify-full}), decoded as Go's
     * {@code url.ParseQuery} does and kine passes it on to the driver; empty when it is not there.
     */
    public static Optional<String> postgresParameter(String endpoint, String name) {
        String query = uri(endpoint).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && percentDecoded(pair.substring(0, equals)).equals(name)) {
                return Optional.of(percentDecoded(pair.substring(equals + 1).replace('+', ' ')));
            }
        }
        return Optional.empty();
    }

    /** A postgres URL kine reads back as exactly these values: user and password percent-encoded, an IPv6 host in brackets. */
    public static String postgresUrl(String user, String password, String host, int port, String database) {
        return "postgres://" + percentEncoded(user) + ":" + percentEncoded(password) + "@" + bracketed(host) + ":" + port + "/"
                + database;
    }

    /**
     * A MySQL DSN as go-sql-driver's ParseDSN reads it: the password as it is (ParseDSN decodes
     * nothing, and finds it between the first ':' and the last '@' before the last '/'), so no
     * password can move the address; {@code user} must have no ':' or '@' (inventory names cannot).
     */
    public static String mysqlDsn(String user, String password, String host, int port, String database) {
        if (user.contains(":") || user.contains("@")) {
            throw new IllegalArgumentException("a MySQL DSN cannot carry a user name with ':' or '@'");
        }
        return "mysql://" + user + ":" + password + "@tcp(" + bracketed(host) + ":" + port + ")/" + database;
    }

    public static String etcdUrl(boolean tls, String host, int port) {
        return (tls ? "https://" : "http://") + bracketed(host) + ":" + port;
    }

    private static Endpoint etcd(String endpoint) {
        List<HostPort> servers = new ArrayList<>();
        for (String url : endpoint.split(",")) {
            URI uri = uri(url.trim());
            if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new IllegalArgumentException("etcd endpoint '" + withoutUserInfo(url.trim()) + "' must be http(s)://host:2379");
            }
            servers.add(new HostPort(uri.getScheme(), uri.getHost(), uri.getPort() < 0 ? 2379 : uri.getPort()));
        }
        return new Endpoint(Type.ETCD, List.copyOf(servers), Optional.empty(), Optional.empty(), "");
    }

    /**
     * The endpoint as a URI. The JDK's own error quotes the whole input, password included; this
     * one gives its reason only (its index is often the authority's start, not the character's).
     */
    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URI (" + e.getReason().toLowerCase(Locale.ROOT)
                    + "): percent-encode a space or other special character in the user or password");
        }
    }

    /** The URL with whatever stands before an '@' in its authority (user and password) left out. */
    private static String withoutUserInfo(String url) {
        return url.replaceFirst("^([^:/]*://)[^/]*@", "$1");
    }

    /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
    private static HostPort hostPort(String scheme, String address, int defaultPort) {
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + address + "' opens an IPv6 address with '[' but does not close it");
            }
            String port = address.substring(close + 1);
            return new HostPort(scheme, address.substring(1, close),
                    port.startsWith(":") ? Integer.parseInt(port.substring(1)) : defaultPort);
        }
        int colon = address.lastIndexOf(':');
        return colon < 0
                ? new HostPort(scheme, address, defaultPort)
                : new HostPort(scheme, address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    private static String[] splitUserInfo(String rawUserInfo) {
        if (rawUserInfo == null) {
            return new String[] {null, null};
        }
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? null : rawUserInfo.substring(colon + 1);
        return new String[] {percentDecoded(user), password == null ? null : percentDecoded(password)};
    }

    private static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Every byte but RFC 3986's unreserved as %XX (UTF-8): what Go's url.Parse decodes back to the same text. */
    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    /** %XX to its byte, as Go's url.Parse does for user info ('+' stays '+', unlike form decoding). */
    private static String percentDecoded(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // java.net.URI has checked that every '%' is followed by two hex digits.
            if (c == '%') {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
