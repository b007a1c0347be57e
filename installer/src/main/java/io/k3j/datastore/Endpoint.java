package io.k3j.datastore;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A K3s {@code datastore-endpoint}, parsed the way kine reads it (k3s-io/kine
 * pkg/endpoint/endpoint.go and the drivers): {@code postgres://user:pass@host:5432/db},
 * {@code mysql://user:pass@tcp(host:3306)/db}, or etcd as comma-separated {@code https://host:2379}.
 * Default database {@code kubernetes}, default ports 5432 / 3306 / 2379.
 */
public record Endpoint(Type type, List<HostPort> servers, Optional<String> user, Optional<String> password, String database) {

    public enum Type { POSTGRES, MYSQL, ETCD }

    public record HostPort(String scheme, String host, int port) {
    }

    public static final String DEFAULT_DATABASE = "kubernetes";

    private static final Pattern MYSQL = Pattern.compile(
            "mysql://(?:(?<user>[^:@/]*)(?::(?<password>[^@]*))?@)?(?:tcp\\((?<host>[^)]+)\\))?/(?<db>[^?]*)(?:\\?.*)?");

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
        return new Endpoint(Type.POSTGRES, List.of(new HostPort("postgres", uri.getHost(), port)),
                Optional.ofNullable(userInfo[0]), Optional.ofNullable(userInfo[1]),
                path.isEmpty() ? DEFAULT_DATABASE : path.toLowerCase());
    }

    private static Endpoint mysql(String endpoint) {
        Matcher matcher = MYSQL.matcher(endpoint);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("mysql endpoint must look like mysql://user:password@tcp(host:3306)/database");
        }
        String address = matcher.group("host") == null ? "localhost:3306" : matcher.group("host");
        HostPort server = hostPort("mysql", address, 3306);
        String database = matcher.group("db");
        return new Endpoint(Type.MYSQL, List.of(server), Optional.ofNullable(matcher.group("user")),
                Optional.ofNullable(matcher.group("password")), database.isEmpty() ? DEFAULT_DATABASE : database);
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
        return new String[] {decode(user), password == null ? null : decode(password)};
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
