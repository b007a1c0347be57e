package io.k3j.inventory;

import java.nio.file.Path;
import java.util.List;
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

    /**
     * Client TLS files the servers use to reach the datastore (paths on the operator's machine):
     * the inventory's for an existing datastore, the ones k3j-install made for a provisioned one.
     */
    public record Tls(Path caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    }

    /**
     * A datastore k3j-install sets up on {@code hosts}: one host ({@code provision.host}), or the
     * members of an etcd cluster ({@code provision.hosts}); with {@code tls}, {@code serving} is the
     * hosts' certificate and key once k3j-install made them ({@link #withMadeTls}).
     */
    public record Provision(List<Host> hosts, String database, String user, Optional<SecretValue> password, boolean tls,
                            Optional<Serving> serving) {
        public static final String DEFAULT_DATABASE = "k3s";
        public static final String DEFAULT_USER = "k3s";

        public Provision {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("a provisioned datastore needs a host");
            }
        }

        /** The one host of a single datastore; of an etcd cluster, its first member (where a backup is taken). */
        public Host first() {
            return hosts.get(0);
        }

        /** Whether this is a cluster of several hosts (an etcd cluster) rather than one host. */
        public boolean clustered() {
            return hosts.size() > 1;
        }

        /** The datastore host's serving certificate and key, and the CA that signed them and K3s' client certificate. */
        public record Serving(Path caFile, Path certFile, Path keyFile) {
        }
    }

    /** This provisioned datastore with the certificates k3j-install made for it: K3s' client files and the host's serving ones. */
    public Datastore withMadeTls(Tls client, Provision.Serving serving) {
        Provision provisioned = provision.orElseThrow();
        return new Datastore(type, endpoint, Optional.of(client), Optional.of(new Provision(provisioned.hosts(), provisioned.database(),
                provisioned.user(), provisioned.password(), provisioned.tls(), Optional.of(serving))));
    }
}
