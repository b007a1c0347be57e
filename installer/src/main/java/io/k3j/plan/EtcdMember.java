package io.k3j.plan;

import io.k3j.datastore.Endpoint;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A member of the etcd k3j-install provisions: its name and peer URL, as its config file gives
 * them and as a snapshot restore must give them again. A single member keeps its peers on
 * loopback; the members of a cluster reach each other at their inventory addresses, over TLS
 * with the hosts' certificate when {@code provision.tls} is set.
 */
public record EtcdMember(Host host, String name, String peerUrl) {
    /** Peers on loopback: a single member is alone, and no other host needs its peer port. */
    public static final String LOOPBACK_PEER_URL = "http://127.0.0.1:2380";
    public static final int PEER_PORT = 2380;
    /**
     * The member on this host is healthy, as etcd's {@code /health} on loopback says (where
     * k3j-etcd also listens without TLS): a leader, and a read through it answered.
     */
    public static final String HEALTHY = "curl -fsS --max-time 3 http://127.0.0.1:" + Datastore.Type.etcd.defaultPort()
            + "/health | grep -q '\"health\":\"true\"'";

    /** The members of {@code provision}, in the inventory's order. */
    public static List<EtcdMember> of(Datastore.Provision provision) {
        if (!provision.clustered()) {
            Host host = provision.first();
            return List.of(new EtcdMember(host, host.name().orElse("k3j-etcd"), LOOPBACK_PEER_URL));
        }
        return provision.hosts().stream().map(host -> new EtcdMember(host, host.name().orElse(host.address()),
                Endpoint.etcdUrl(provision.tls(), host.address(), PEER_PORT))).toList();
    }

    /**
     * What an etcd cluster of {@code members} keeps with the hosts at {@code down} out of reach:
     * its quorum, or not (a majority must run for K3s to read or write: etcd's failure modes);
     * empty for a single member or when none of them is down.
     */
    public static Optional<String> quorumWithout(List<EtcdMember> members, Set<String> down) {
        List<EtcdMember> gone = members.stream().filter(member -> down.contains(member.host().address())).toList();
        if (members.size() < 2 || gone.isEmpty()) {
            return Optional.empty();
        }
        int running = members.size() - gone.size();
        int needed = members.size() / 2 + 1;
        String which = gone.size() + " of " + members.size() + " etcd members cannot be reached ("
                + String.join(", ", gone.stream().map(EtcdMember::name).toList()) + "): ";
        return Optional.of(running >= needed
                ? which + "the cluster keeps its quorum (" + running + " running, " + needed + " needed) and K3s keeps serving"
                : which + "the cluster has lost its quorum (" + needed + " of " + members.size() + " needed), so K3s can neither "
                        + "read nor write until enough of them are back");
    }

    /** etcd's {@code initial-cluster}: every member's {@code name=peerUrl}, comma-separated. */
    public static String initialCluster(List<EtcdMember> members) {
        return String.join(",", members.stream().map(member -> member.name() + "=" + member.peerUrl()).toList());
    }
}
