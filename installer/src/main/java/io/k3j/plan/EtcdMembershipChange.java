package io.k3j.plan;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the inventory's etcd members ({@code wanted}) compare with the running cluster's, as one of
 * them lists it ({@code listed}; empty: no member runs, or the cluster is not made yet). Members
 * are matched by peer URL, as etcd knows them. {@code kept}: wanted and voting now; {@code joining}:
 * wanted and not yet voting members (added, started and promoted one at a time, in the inventory's
 * order); {@code leaving}: members the inventory no longer names (removed once the servers no
 * longer dial them). Pure: the plan's, the preflight's and the removal's one reading.
 */
public record EtcdMembershipChange(List<EtcdMember> wanted, Optional<Listed> listed, List<EtcdMember> kept,
                                   List<EtcdMember> joining, List<LiveEtcdMember> leaving) {

    /** The members as the member on {@code by} listed them. */
    public record Listed(Host by, List<LiveEtcdMember> members) {
    }

    /** The change {@code provision}'s etcd makes, with the members' list from the first of its hosts that gave one. */
    public static EtcdMembershipChange of(Datastore.Provision provision, HostKnowledge knowledge) {
        return of(EtcdMember.of(provision), knowledge);
    }

    public static EtcdMembershipChange of(List<EtcdMember> wanted, HostKnowledge knowledge) {
        Optional<Listed> listed = wanted.stream()
                .flatMap(member -> knowledge.etcdMembers(member.host()).filter(members -> !members.isEmpty())
                        .map(members -> new Listed(member.host(), members)).stream())
                .findFirst();
        return of(wanted, listed);
    }

    public static EtcdMembershipChange of(List<EtcdMember> wanted, Optional<Listed> listed) {
        if (listed.isEmpty()) {
            return new EtcdMembershipChange(wanted, listed, List.of(), List.of(), List.of());
        }
        List<LiveEtcdMember> live = listed.get().members();
        List<EtcdMember> kept = new ArrayList<>();
        List<EtcdMember> joining = new ArrayList<>();
        for (EtcdMember member : wanted) {
            boolean voting = live.stream().anyMatch(each -> each.hasPeerUrl(member.peerUrl()) && each.started() && each.voting());
            (voting ? kept : joining).add(member);
        }
        List<LiveEtcdMember> leaving = live.stream()
                .filter(each -> wanted.stream().noneMatch(member -> each.hasPeerUrl(member.peerUrl()))).toList();
        return new EtcdMembershipChange(wanted, listed, List.copyOf(kept), List.copyOf(joining), leaving);
    }

    /** Whether the cluster runs: its members change one at a time through it, not by a new initial-cluster. */
    public boolean formed() {
        return listed.isPresent();
    }

    public boolean changes() {
        return !joining.isEmpty() || !leaving.isEmpty();
    }

    /**
     * The cluster's members once {@code joiner} was added, its {@code initial-cluster}: every member
     * listed now (those leaving too: they are members until step 6), those joining before it, and
     * it. etcd refuses a joining member whose list is not the cluster's ("member count is
     * unequal", etcd's membership.ValidateClusterAndAssignIDs), as {@code member add} prints it.
     */
    public List<EtcdFormation.Peer> membersOnceJoined(EtcdMember joiner) {
        List<EtcdFormation.Peer> members = new ArrayList<>();
        listed.orElseThrow().members().stream()
                .filter(member -> joining.stream().noneMatch(each -> member.hasPeerUrl(each.peerUrl())))
                .forEach(member -> member.peerUrls().forEach(url -> members.add(new EtcdFormation.Peer(member.name(), url))));
        joining.subList(0, joining.indexOf(joiner) + 1)
                .forEach(member -> members.add(new EtcdFormation.Peer(member.name(), member.peerUrl())));
        return members;
    }

    /** Live members with a wanted member's peer URL under another name: etcd would refuse the member's start. */
    public List<String> renamed() {
        if (listed.isEmpty()) {
            return List.of();
        }
        List<String> renamed = new ArrayList<>();
        for (EtcdMember member : wanted) {
            listed.get().members().stream()
                    .filter(each -> each.hasPeerUrl(member.peerUrl()) && !each.name().isEmpty() && !each.name().equals(member.name()))
                    .forEach(each -> renamed.add(member.host().address() + " is etcd member " + each.name() + " and the inventory names it "
                            + member.name()));
        }
        return renamed;
    }
}
