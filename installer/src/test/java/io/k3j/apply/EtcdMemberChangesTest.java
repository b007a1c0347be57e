package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.inventory.Inventory;
import io.k3j.plan.Operation;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The members of a running etcd changed with etcdctl on a member that runs: each change made once
 * (the members listed first), what etcd refuses while the cluster settles tried again, anything
 * else an error naming the member and what to do; a dry run only lists.
 */
class EtcdMemberChangesTest {
    private static final String DB1 = "198.51.100.5";
    private static final String DB4 = "198.51.100.8";
    private static final String DB4_PEER = "https://198.51.100.8:2380";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");
    private final List<String> members = new ArrayList<>(List.of(
            "a1|started|db1|https://198.51.100.5:2380|https://198.51.100.5:2379|false",
            "a3|started|db3|https://198.51.100.7:2380|https://198.51.100.7:2379|false"));

    @Test
    void aNewMemberIsAddedAsALearnerOnceAndPromotedOnceItCaughtUp() {
        AtomicInteger promotions = new AtomicInteger();
        etcd().on("add", FakeHost.script("etcdctl --endpoints=http://127.0.0.1:2379 --command-timeout=5s member add 'db4' "
                + "--peer-urls='https://198.51.100.8:2380' --learner"), sent -> {
            members.add("a4|unstarted||" + DB4_PEER + "||true");
            return FakeHost.ok("Member a4 added to cluster");
        }).on("promote", FakeHost.script("member promote 'a4'"), sent -> {
            if (promotions.incrementAndGet() == 1) {
                return FakeHost.exit(1, "Error: etcdserver: can only promote a learner member which is in sync with leader");
            }
            members.set(2, "a4|started|db4|" + DB4_PEER + "|https://198.51.100.8:2379|false");
            return FakeHost.ok("Member a4 promoted in cluster");
        });
        EtcdMemberChanges changes = changes(Wet.APPLY);

        assertThat(changes.add(new Operation.EtcdMemberAdd("db4", DB4_PEER, DB1)))
                .isEqualTo(new HostApplier.Result(Change.ADDED, "added etcd member db4 as a learner"));
        assertThat(changes.add(new Operation.EtcdMemberAdd("db4", DB4_PEER, DB1)))
                .isEqualTo(new HostApplier.Result(Change.UNCHANGED, "db4 is a member already (a learner)"));
        assertThat(changes.promote(DB4, new Operation.EtcdMemberPromote("db4", DB4_PEER, DB1)))
                .isEqualTo(new HostApplier.Result(Change.CHANGED, "promoted etcd member db4 to a voting member"));
        assertThat(promotions).hasValue(2);
        assertThat(changes.promote(DB4, new Operation.EtcdMemberPromote("db4", DB4_PEER, DB1)))
                .isEqualTo(new HostApplier.Result(Change.UNCHANGED, "db4 is a voting member"));
        assertThat(fakes.host(DB1).sent()).filteredOn(sent -> sent.stdin().contains("member add") || sent.stdin().contains("promote"))
                .allSatisfy(sent -> assertThat(sent.idempotent()).as("sent once, never again on a dropped connection").isFalse());
    }

    @Test
    void aLearnerThatNeverStartedIsNamedWithItsJournalNotAsOneThatDidNotCatchUp() {
        members.add("a4|unstarted||" + DB4_PEER + "||true");
        etcd().on("promote", FakeHost.script("member promote 'a4'"),
                FakeHost.exit(1, "Error: etcdserver: can only promote a learner member which is in sync with leader"));
        fakes.host(DB4).on("journal", FakeHost.script("journalctl -u k3j-etcd"),
                FakeHost.ok("etcdserver: assign ids error: the member count is unequal"));

        assertThatThrownBy(() -> changes(Wet.APPLY, Duration.ofSeconds(1)).promote(DB4,
                new Operation.EtcdMemberPromote("db4", DB4_PEER, DB1)))
                .isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("etcd member db4 was added but never started within 1 s: k3j-etcd on " + DB4 + " did not join the "
                        + "cluster; its journal ends: etcdserver: assign ids error: the member count is unequal")
                .satisfies(e -> assertThat(((ClusterChecks.CheckFailed) e).fix()).startsWith("read 'journalctl -u k3j-etcd' on " + DB4));
    }

    @Test
    void aMemberThatLeftIsRemovedByItsIdOnce() {
        etcd().on("remove", FakeHost.script("member remove 'a3'"), sent -> {
            members.remove(1);
            return FakeHost.ok("Member a3 removed from cluster");
        });
        EtcdMemberChanges changes = changes(Wet.APPLY);

        assertThat(changes.remove(new Operation.EtcdMemberRemove("db3", "https://198.51.100.7:2380", DB1)))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "removed etcd member db3"));
        assertThat(changes.remove(new Operation.EtcdMemberRemove("db3", "https://198.51.100.7:2380", DB1)))
                .isEqualTo(new HostApplier.Result(Change.UNCHANGED, "db3 is not a member"));
    }

    @Test
    void aRefusalThatIsNotTheClusterSettlingIsAnErrorNamingTheCommandAndTheMember() {
        etcd().on("add", FakeHost.script("member add"), FakeHost.exit(1, "Error: etcdserver: Peer URLs already exists"));

        assertThatThrownBy(() -> changes(Wet.APPLY).add(new Operation.EtcdMemberAdd("db4", DB4_PEER, DB1)))
                .isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("etcd refused 'etcdctl member add 'db4' --peer-urls='https://198.51.100.8:2380' --learner' on "
                        + DB1 + ": Error: etcdserver: Peer URLs already exists")
                .satisfies(e -> assertThat(((ClusterChecks.CheckFailed) e).fix()).contains("endpoint health --cluster", "apply again"));
    }

    @Test
    void aDryRunListsTheMembersAndChangesNothing() {
        etcd();
        EtcdMemberChanges changes = changes(Wet.DRY_RUN);

        assertThat(changes.add(new Operation.EtcdMemberAdd("db4", DB4_PEER, DB1)))
                .isEqualTo(new HostApplier.Result(Change.ADDED, "add etcd member db4 as a learner"));
        assertThat(changes.promote(DB4, new Operation.EtcdMemberPromote("db4", DB4_PEER, DB1)))
                .isEqualTo(new HostApplier.Result(Change.CHANGED, "promote etcd member db4 once it caught up"));
        assertThat(changes.remove(new Operation.EtcdMemberRemove("db3", "https://198.51.100.7:2380", DB1)))
                .isEqualTo(new HostApplier.Result(Change.REMOVED, "remove etcd member db3"));
        assertThat(fakes.journal()).containsOnly(DB1 + ": member list");
    }

    @Test
    void aMemberThatCannotListTheClusterSaysSo() {
        fakes.host(DB1).on("member list", FakeHost.script("member list"), FakeHost.exit(1, "Error: context deadline exceeded"));

        assertThatThrownBy(() -> changes(Wet.APPLY).remove(new Operation.EtcdMemberRemove("db3", "https://198.51.100.7:2380", DB1)))
                .isInstanceOf(ClusterChecks.CheckFailed.class)
                .hasMessage("the etcd member on " + DB1 + " could not list the cluster's members: Error: context deadline exceeded");
    }

    /** db1's etcdctl, listing {@link #members} as the facts' sed turns it. */
    private FakeHost etcd() {
        return fakes.host(DB1).on("member list", FakeHost.script("\\AETCDCTL_API=3 etcdctl --endpoints=http://127.0.0.1:2379 "
                + "--command-timeout=5s member list \\| sed 's/, /\\|/g'\n\\z"), sent -> new ExecResult(0,
                String.join("\n", members) + "\n", "", Duration.ZERO));
    }

    private EtcdMemberChanges changes(Wet wet) {
        return changes(wet, Duration.ofSeconds(30));
    }

    private EtcdMemberChanges changes(Wet wet, Duration readyLimit) {
        ConnectedHosts hosts = new ConnectedHosts(Map.of(DB1, fakes.host(DB1), DB4, fakes.host(DB4)), Map.of(),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        return new EtcdMemberChanges(new ApplyContext(inventory, hosts, readyLimit, Clock.systemUTC(),
                DatastoreProbe.OVER_THE_NETWORK, wet));
    }
}
