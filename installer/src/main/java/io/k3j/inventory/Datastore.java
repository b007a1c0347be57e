package io.k3j.inventory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code spec.datastore}: the external datastore, either existing ({@code endpoint}) or made by
 * k3j-install on a host ({@code provision}); exactly one of the two.
 */
public record Datastore(Type type, Optional<SecretValue> endpoint, Optional<Tls> tls, Optional<Provision> provision) {

    public enum Type {
        postgres(5432), mysql(3306), etcd(2379);

        private final int defaultPort;

        Type(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        /** The port the datastore listens on unless told otherwise, and the one k3j-install sets up. */
        public int defaultPort() {
            return defaultPort;
        }
    }

    /** Client TLS files the servers use to reach the datastore (paths on the operator's machine). */
    public record Tls(Path caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    }

    /** A datastore k3j-install sets up on {@code host}. */
    public record Provision(Host host, String database, String user, Optional<SecretValue> password, boolean tls) {
        public static final String DEFAULT_DATABASE = "k3s";
        public static final String DEFAULT_USER = "k3s";
    }
}
