package io.k3j.apply;

import io.k3j.plan.LiveEtcdMember;
import io.k3j.plan.Operation;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.util.List;
import java.util.Optional;

/**
 * Carries out the changes of a running etcd cluster's members, for real or dry, with etcdctl on a
 * member that runs ({@link Operation.EtcdMembership#via}), on loopback. Each lists the members first
 * and again before every try, so a change an earlier try or run made is not made twice. etcd
 * refuses a change while the cluster would not stay healthy (its strict reconfiguration check) and
 * a promotion until the learner caught up: those are tried again, within --ready-timeout.
 */
final class EtcdMemberChanges {
    private static final String ETCDCTL = "ETCDCTL_API=3 etcdctl --endpoints=http://127.0.0.1:2379 --command-timeout=5s";
    /** What etcd answers while the cluster settles (etcd's server/etcdserver/errors.go, api/v3rpc/rpctypes). */
    private static final List<String> SETTLING = List.of("unhealthy cluster", "not enough started members",
            "in sync with leader", "too many learner members", "leader changed", "request timed out", "context deadline exceeded",
            "no leader");

    private final ApplyContext context;

    EtcdMemberChanges(ApplyContext context) {
        this.context = context;
    }

    HostApplier.Result add(Operation.EtcdMemberAdd add) {
        RemoteHost via = via(add);
        Optional<LiveEtcdMember> there = find(list(via), add);
        if (there.isPresent()) {
            return new HostApplier.Result(Change.UNCHANGED, add.name() + " is a member already"
                    + (there.get().learner() ? " (a learner)" : ""));
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.ADDED, "add etcd member " + add.name() + " as a learner");
        }
        untilMade(via, add, "member add " + Shell.quote(add.name()) + " --peer-urls=" + Shell.quote(add.peerUrl()) + " --learner",
                members -> find(members, add).isPresent());
        return new HostApplier.Result(Change.ADDED, "added etcd member " + add.name() + " as a learner");
    }

    /** {@code joiner}: the address of the member's host, whose journal says why a learner that never started did not. */
    HostApplier.Result promote(String joiner, Operation.EtcdMemberPromote promote) {
        RemoteHost via = via(promote);
        Optional<LiveEtcdMember> there = find(list(via), promote);
        if (there.isPresent() && there.get().voting()) {
            return new HostApplier.Result(Change.UNCHANGED, promote.name() + " is a voting member");
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.CHANGED, "promote etcd member " + promote.name() + " once it caught up");
        }
        LiveEtcdMember learner = there.orElseThrow(() -> new ClusterChecks.CheckFailed("etcd member " + promote.name()
                + " (" + promote.peerUrl() + ") is not in the cluster, as " + promote.via() + " lists it",
                "apply again: it adds the member first"));
        try {
            untilMade(via, promote, "member promote " + Shell.quote(learner.id()),
                    members -> find(members, promote).filter(LiveEtcdMember::voting).isPresent());
        } catch (ClusterChecks.CheckFailed e) {
            throw find(list(via), promote).filter(member -> !member.started()).map(member -> neverStarted(joiner, promote)).orElse(e);
        }
        return new HostApplier.Result(Change.CHANGED, "promoted etcd member " + promote.name() + " to a voting member");
    }

    HostApplier.Result remove(Operation.EtcdMemberRemove remove) {
        RemoteHost via = via(remove);
        Optional<LiveEtcdMember> there = find(list(via), remove);
        if (there.isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, remove.name() + " is not a member");
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.REMOVED, "remove etcd member " + remove.name());
        }
        untilMade(via, remove, "member remove " + Shell.quote(there.get().id()), members -> find(members, remove).isEmpty());
        return new HostApplier.Result(Change.REMOVED, "removed etcd member " + remove.name());
    }

    private interface Made {
        boolean in(List<LiveEtcdMember> members);
    }

    /** The one outcome of a try: made, or etcd's answer (settling: tried again). */
    private record Try(boolean made, String answer) {
        boolean settling() {
            return !made && SETTLING.stream().anyMatch(answer::contains);
        }
    }

    private void untilMade(RemoteHost via, Operation.EtcdMembership change, String command, Made made) {
        Try last;
        try {
            last = context.poll().until(() -> {
                if (made.in(list(via))) {
                    return new Try(true, "");
                }
                // Not run twice by a dropped connection: the next try lists the members first.
                ExecResult ran = RemoteShell.runOnce(via, ETCDCTL + " " + command + "\n");
                return new Try(ran.ok(), HostApplier.lastLines(ran.stderr().isBlank() ? ran.stdout() : ran.stderr()));
            }, attempt -> !attempt.settling(), context.readyLimit(), attempt -> failed(change, command, attempt.answer(), true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterChecks.CheckFailed("interrupted while etcd took 'etcdctl " + command + "'", "apply again");
        }
        if (!last.made()) {
            throw failed(change, command, last.answer(), false);
        }
    }

    /** A learner the cluster never heard from: its own etcd refused to start, and its journal says why. */
    private ClusterChecks.CheckFailed neverStarted(String joiner, Operation.EtcdMemberPromote promote) {
        String journal = context.host(joiner).map(host -> RemoteShell.journal(host, "k3j-etcd")).orElse("");
        return new ClusterChecks.CheckFailed("etcd member " + promote.name() + " was added but never started within "
                + context.readyLimit().toSeconds() + " s: k3j-etcd on " + joiner + " did not join the cluster"
                + (journal.isEmpty() ? "" : "; its journal ends: " + HostApplier.lastLines(journal)),
                "read 'journalctl -u k3j-etcd' on " + joiner + "; once it runs, apply again (the member stays added)");
    }

    private ClusterChecks.CheckFailed failed(Operation.EtcdMembership change, String command, String answer, boolean timedOut) {
        return new ClusterChecks.CheckFailed("etcd refused 'etcdctl " + command + "' on " + change.via()
                + (timedOut ? " for " + context.readyLimit().toSeconds() + " s" : "") + ": " + answer,
                "a change of the members needs a majority of them running and healthy ('" + ETCDCTL + " endpoint health "
                        + "--cluster' on " + change.via() + "); once they are, apply again, it carries on from there");
    }

    private static Optional<LiveEtcdMember> find(List<LiveEtcdMember> members, Operation.EtcdMembership change) {
        return members.stream().filter(member -> member.hasPeerUrl(change.peerUrl())).findFirst();
    }

    private List<LiveEtcdMember> list(RemoteHost via) {
        ExecResult listed = RemoteShell.run(via, ETCDCTL + " member list | sed 's/, /|/g'\n");
        if (!listed.ok() || listed.stdout().isBlank()) {
            throw new ClusterChecks.CheckFailed("the etcd member on " + via.name() + " could not list the cluster's members: "
                    + HostApplier.lastLines(listed.stderr()), "see 'systemctl status k3j-etcd' on " + via.name()
                    + "; the cluster answers while a majority of its members runs");
        }
        return LiveEtcdMember.parseAll(listed.stdout());
    }

    private RemoteHost via(Operation.EtcdMembership change) {
        return context.host(change.via()).orElseThrow(() -> new IllegalStateException("no connection to " + change.via()));
    }
}
