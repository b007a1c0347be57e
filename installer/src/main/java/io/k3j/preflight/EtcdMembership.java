package io.k3j.preflight;

import io.k3j.plan.EtcdFormation;
import io.k3j.plan.EtcdMember;
import io.k3j.plan.EtcdMembershipChange;
import io.k3j.plan.HostKnowledge;
import io.k3j.plan.LiveEtcdMember;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether apply can bring the running etcd cluster to the inventory's members, one at a time
 * through {@code etcdctl member add/promote/remove} (etcd's runtime reconfiguration guide), before
 * any host changes. Refused: a member that would join while no member lists the cluster; a change
 * that keeps none of the voting members; a member known under another name (etcd checks a member's
 * name on its start); a host holding an earlier member's data; a single member becoming several or
 * several one (a single member's peers are on loopback, so no peer could reach it); a member that
 * joins while another has no name (added, never started), as the joiner's list must name it.
 */
public final class EtcdMembership {
    private static final String RECONFIGURATION = "etcd's runtime reconfiguration guide";

    private EtcdMembership() {
    }

    public static List<PreflightProblem> check(EtcdMembershipChange change, HostKnowledge knowledge) {
        List<EtcdMember> wanted = change.wanted();
        List<PreflightProblem> problems = new ArrayList<>();
        String first = wanted.get(0).host().address();
        if (!change.formed()) {
            List<String> formed = wanted.stream().filter(member -> knowledge.etcdFormation(member.host()).isPresent())
                    .map(member -> member.host().address()).toList();
            wanted.stream().filter(member -> !formed.isEmpty() && knowledge.etcdFormation(member.host()).isEmpty())
                    .forEach(member -> problems.add(new PreflightProblem(member.host().address(), "its etcd member would join the "
                            + "running cluster, but no member lists the cluster's members (k3j-etcd runs on none of "
                            + String.join(", ", formed) + ")", "start k3j-etcd on the members that hold data (a majority of them "
                            + "must run), then apply again")));
            return problems;
        }
        List<LiveEtcdMember> live = change.listed().orElseThrow().members();
        boolean single = wanted.size() == 1 && wanted.get(0).peerUrl().equals(EtcdMember.LOOPBACK_PEER_URL);
        boolean loopbackNow = live.stream().anyMatch(member -> member.hasPeerUrl(EtcdMember.LOOPBACK_PEER_URL));
        if (single != loopbackNow || (single && live.size() > 1)) {
            problems.add(new PreflightProblem(first, "the running etcd cluster has " + live.size() + " member" + (live.size() == 1 ? "" : "s")
                    + " and the inventory gives " + wanted.size() + ": a single member's peers are on loopback, so it cannot grow "
                    + "into a cluster, nor a cluster shrink into one, by apply", "keep provision.hosts as the cluster has them; to "
                    + "move between one and several members, take a backup (k3j-install backup), and restore it onto the new "
                    + "members (docs/operations.md)"));
            return problems;
        }
        if (change.kept().isEmpty()) {
            problems.add(new PreflightProblem(first, "none of the running etcd cluster's voting members ("
                    + String.join(", ", live.stream().filter(LiveEtcdMember::voting).map(LiveEtcdMember::described).toList())
                    + ") stays in the inventory's provision.hosts: the new members would have no one to join through",
                    "keep at least one running member in provision.hosts and change the others (" + RECONFIGURATION + ")"));
        }
        if (!change.joining().isEmpty()) {
            live.stream().filter(member -> change.joining().stream().noneMatch(joiner -> member.hasPeerUrl(joiner.peerUrl())))
                    .filter(member -> member.peerUrls().isEmpty() || member.peerUrls().stream()
                            .anyMatch(url -> !new EtcdFormation.Peer(member.name(), url).writable()))
                    .forEach(member -> problems.add(new PreflightProblem(first, "etcd member " + member.described() + " (id "
                            + member.id() + ") has " + (member.name().isEmpty() ? "no name (added, never started)"
                            : "a name or peer URL that k3j-install cannot write into a member's initial-cluster")
                            + ", and a member that joins must list every member", "remove it from the cluster ('etcdctl member "
                            + "remove " + member.id() + "' on a member), then apply again")));
        }
        change.renamed().forEach(renamed -> problems.add(new PreflightProblem(renamed.split(" ", 2)[0], renamed
                + ": etcd refuses a member whose name changed", "give the host the name etcd knows it by (hosts[].name), or take "
                + "it out of provision.hosts in one apply and put it back under its new name in the next")));
        change.joining().stream()
                .filter(member -> live.stream().noneMatch(each -> each.hasPeerUrl(member.peerUrl())))
                .filter(member -> knowledge.etcdFormation(member.host()).isPresent())
                .forEach(member -> problems.add(new PreflightProblem(member.host().address(), "it holds the data of an etcd member "
                        + "(in /var/lib/etcd/k3j) that is not in the running cluster: started with it, it would not join",
                        "remove that folder on the host (it is an earlier member's, not the cluster's), then apply again")));
        return problems;
    }
}
