package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.testing.TestHosts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtcdMembershipChangeTest {
    private static final EtcdMember DB1 = member("db1", "198.51.100.5");
    private static final EtcdMember DB2 = member("db2", "198.51.100.6");
    private static final EtcdMember DB3 = member("db3", "198.51.100.7");
    private static final EtcdMember DB4 = member("db4", "198.51.100.8");
    private static final EtcdMember DB5 = member("db5", "198.51.100.9");

    @Test
    void aReplacedMemberLeavesAndItsReplacementJoinsWhileTheOthersAreKept() {
        EtcdMembershipChange change = EtcdMembershipChange.of(List.of(DB1, DB2, DB4), listed(live(DB1), live(DB2), live(DB3)));

        assertThat(change.formed()).isTrue();
        assertThat(change.changes()).isTrue();
        assertThat(change.kept()).containsExactly(DB1, DB2);
        assertThat(change.joining()).containsExactly(DB4);
        assertThat(change.leaving()).extracting(LiveEtcdMember::name).containsExactly("db3");
        // db3 is a member until it is removed in step 6: db4's initial-cluster must name it, as etcd counts the members.
        assertThat(change.membersOnceJoined(DB4)).containsExactly(peer(DB1), peer(DB2), peer(DB3), peer(DB4));
    }

    @Test
    void membersJoinOneAtATimeEachWithThoseBeforeIt() {
        EtcdMembershipChange change = EtcdMembershipChange.of(List.of(DB1, DB2, DB3, DB4, DB5), listed(live(DB1), live(DB2), live(DB3)));

        assertThat(change.joining()).containsExactly(DB4, DB5);
        assertThat(change.membersOnceJoined(DB4)).containsExactly(peer(DB1), peer(DB2), peer(DB3), peer(DB4));
        assertThat(change.membersOnceJoined(DB5)).containsExactly(peer(DB1), peer(DB2), peer(DB3), peer(DB4), peer(DB5));
        assertThat(change.leaving()).isEmpty();
    }

    @Test
    void aLearnerOrAMemberNotStartedYetIsStillJoiningSoARunCutShortCarriesOn() {
        LiveEtcdMember learner = new LiveEtcdMember("a4", true, "db4", List.of(DB4.peerUrl()), true);
        LiveEtcdMember unstarted = new LiveEtcdMember("a5", false, "", List.of(DB5.peerUrl()), true);

        EtcdMembershipChange change = EtcdMembershipChange.of(List.of(DB1, DB2, DB3, DB4, DB5),
                listed(live(DB1), live(DB2), live(DB3), learner, unstarted));

        assertThat(change.joining()).containsExactly(DB4, DB5);
        assertThat(change.leaving()).isEmpty();
        assertThat(change.renamed()).isEmpty();
    }

    @Test
    void theInventorysMembersAsTheyRunChangeNothingAndNoListIsNoFormedCluster() {
        assertThat(EtcdMembershipChange.of(List.of(DB1, DB2, DB3), listed(live(DB1), live(DB2), live(DB3))).changes()).isFalse();

        EtcdMembershipChange fresh = EtcdMembershipChange.of(List.of(DB1, DB2, DB3), Optional.empty());
        assertThat(fresh.formed()).isFalse();
        assertThat(fresh.kept()).isEmpty();
        assertThat(fresh.joining()).isEmpty();
    }

    @Test
    void aMemberRunningUnderAnotherNameIsSaid() {
        LiveEtcdMember old = new LiveEtcdMember("a2", true, "etcd-b", List.of(DB2.peerUrl()), false);

        assertThat(EtcdMembershipChange.of(List.of(DB1, DB2, DB3), listed(live(DB1), old, live(DB3))).renamed())
                .containsExactly("198.51.100.6 is etcd member etcd-b and the inventory names it db2");
    }

    private static EtcdFormation.Peer peer(EtcdMember member) {
        return new EtcdFormation.Peer(member.name(), member.peerUrl());
    }

    private static EtcdMember member(String name, String address) {
        return new EtcdMember(TestHosts.named(address, Optional.of(name)), name, "https://" + address + ":2380");
    }

    private static LiveEtcdMember live(EtcdMember member) {
        return new LiveEtcdMember(Integer.toHexString(member.name().hashCode()), true, member.name(), List.of(member.peerUrl()), false);
    }

    private static Optional<EtcdMembershipChange.Listed> listed(LiveEtcdMember... members) {
        return Optional.of(new EtcdMembershipChange.Listed(DB1.host(), List.of(members)));
    }
}
