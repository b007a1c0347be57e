package io.k3j.preflight;

import io.k3j.inventory.Inventory.Role;
import java.util.List;

/**
 * The members of a provisioned etcd that already formed its cluster stay those the inventory
 * gives. etcd reads {@code initial-cluster} only on a member's first start (etcd's configuration
 * docs): a member added to the inventory would start as a new cluster of its own and never join,
 * and one taken out would still count for the quorum. Changing the members of a running cluster
 * goes through {@code etcdctl member add/remove}, one at a time (etcd's runtime reconfiguration
 * guide), which k3j-install does not do yet; so such an inventory is refused before any change.
 */
public final class EtcdMembership {

    private EtcdMembership() {
    }

    /**
     * {@code wanted}: the inventory's members as k3j-etcd's {@code initial-cluster} gives them;
     * {@code hosts}: the hosts with their facts, the datastore's among them.
     */
    public static List<PreflightProblem> check(String wanted, List<Preflight.HostUnderCheck> hosts) {
        return hosts.stream()
                .filter(host -> host.roles().contains(Role.DATASTORE))
                .filter(host -> host.facts().etcdCluster().filter(formed -> !formed.equals(wanted)).isPresent())
                .map(host -> new PreflightProblem(host.host(), "its etcd member was formed in a cluster of "
                        + members(host.facts().etcdCluster().get()) + ", and the inventory's provision.hosts make "
                        + members(wanted) + ": k3j-install does not add or remove the members of a running etcd cluster yet",
                        "change the members by hand, one at a time, with 'etcdctl member add' or 'member remove' (etcd's runtime "
                                + "reconfiguration guide), then give provision.hosts as the cluster has them; or give them as before"))
                .toList();
    }

    /** {@code name=peerUrl,...} as the members' names and addresses, for people. */
    private static String members(String initialCluster) {
        return String.join(", ", List.of(initialCluster.split(",")));
    }
}
