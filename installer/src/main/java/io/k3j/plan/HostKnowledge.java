package io.k3j.plan;

import io.k3j.inventory.Host;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the planner needs to know about a host beyond the inventory. Online these come from the
 * host's facts; offline ({@link #OFFLINE}) they are the inventory's address and stated assumptions.
 */
public interface HostKnowledge {

    /** K3s' name of the host's architecture (amd64, arm64, arm, s390x). */
    String arch(Host host);

    /** The IP address other hosts reach this host at. */
    String ip(Host host);

    /** The PostgreSQL major version whose configuration folder to use. */
    String postgresMajor(Host host);

    /** The version of the K3s binary the host has now (empty: none, or not known offline). */
    default Optional<String> k3sVersion(Host host) {
        return Optional.empty();
    }

    /** The name K3s registers the host's node under: the inventory's, else the host's hostname in lower case. */
    String nodeName(Host host);

    /**
     * Whether the host's node may carry k3j-install's cordon mark ({@link Operation.Cordon#MARK}),
     * left by an upgrade cut short: true unless the cluster's nodes, read before any change, show
     * it without the mark (or show no such node).
     */
    default boolean mayBeCordonedByK3j(Host host) {
        return true;
    }

    /** The formation of the host's etcd member, once it holds data (empty: none, or not known offline). */
    default Optional<EtcdFormation> etcdFormation(Host host) {
        return Optional.empty();
    }

    /** The running etcd cluster's members as the member on this host lists them (empty: it does not run, or offline). */
    default Optional<List<LiveEtcdMember>> etcdMembers(Host host) {
        return Optional.empty();
    }

    /**
     * This knowledge, with {@code versions} (by host address) as the K3s binaries those hosts have:
     * a plan of an upgrade for hosts that are not asked. The other hosts keep what this knows.
     */
    default HostKnowledge withK3sVersions(Map<String, String> versions) {
        HostKnowledge known = this;
        return new HostKnowledge() {
            @Override
            public String arch(Host host) {
                return known.arch(host);
            }

            @Override
            public String ip(Host host) {
                return known.ip(host);
            }

            @Override
            public String postgresMajor(Host host) {
                return known.postgresMajor(host);
            }

            @Override
            public Optional<String> k3sVersion(Host host) {
                return Optional.ofNullable(versions.get(host.address())).or(() -> known.k3sVersion(host));
            }

            @Override
            public String nodeName(Host host) {
                return known.nodeName(host);
            }

            @Override
            public boolean mayBeCordonedByK3j(Host host) {
                return known.mayBeCordonedByK3j(host);
            }

            @Override
            public Optional<EtcdFormation> etcdFormation(Host host) {
                return known.etcdFormation(host);
            }

            @Override
            public Optional<List<LiveEtcdMember>> etcdMembers(Host host) {
                return known.etcdMembers(host);
            }
        };
    }

    HostKnowledge OFFLINE = new HostKnowledge() {
        @Override
        public String arch(Host host) {
            return "amd64";
        }

        @Override
        public String ip(Host host) {
            return host.address();
        }

        @Override
        public String postgresMajor(Host host) {
            return "<major>";
        }

        @Override
        public String nodeName(Host host) {
            return host.name().orElse("<hostname of " + host.address() + ">");
        }
    };
}
