package io.k3j.apply;

import io.k3j.datastore.Endpoint;
import io.k3j.datastore.EtcdProbe;
import io.k3j.datastore.ProbeResult;
import io.k3j.datastore.SqlProbe;
import io.k3j.datastore.TlsFiles;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The datastore check's login from this machine, through a server's tunnel ({@code via}), as K3s
 * will log in: JDBC or etcd's API in a run; in a unit test of a whole apply, whose fake hosts
 * tunnel nowhere, a stand-in.
 */
@FunctionalInterface
public interface DatastoreProbe {

    DatastoreProbe OVER_THE_NETWORK = (endpoint, tls, via) -> endpoint.type() == Endpoint.Type.ETCD
            ? new EtcdProbe().check(endpoint.servers().get(0), tls, via) : new SqlProbe().check(endpoint, tls, via);

    ProbeResult check(Endpoint endpoint, Optional<TlsFiles> tls, InetSocketAddress via);
}
