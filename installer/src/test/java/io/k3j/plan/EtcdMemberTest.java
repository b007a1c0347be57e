package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.testing.TestHosts;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EtcdMemberTest {

    private static Datastore.Provision provision(boolean tls, Host... hosts) {
        return new Datastore.Provision(List.of(hosts), "k3s", "k3s", Optional.empty(), tls, Optional.empty());
    }

    @Test
    void aSingleMemberKeepsItsLoopbackPeersAndItsName() {
        List<EtcdMember> members = EtcdMember.of(provision(true, TestHosts.named("198.51.100.5", Optional.of("db1"))));

        assertThat(members).singleElement().satisfies(member -> {
            assertThat(member.name()).isEqualTo("db1");
            assertThat(member.peerUrl()).isEqualTo("http://127.0.0.1:2380");
        });
        assertThat(EtcdMember.of(provision(false, TestHosts.at("198.51.100.5"))).get(0).name()).isEqualTo("k3j-etcd");
    }

    @Test
    void theMembersOfAClusterPeerAtTheirAddressesOverTlsWhenAskedAndAreNamedByHostOrAddress() {
        List<EtcdMember> members = EtcdMember.of(provision(true, TestHosts.named("198.51.100.5", Optional.of("db1")),
                TestHosts.at("2001:db8::6"), TestHosts.at("db3.example.com")));

        assertThat(EtcdMember.initialCluster(members)).isEqualTo(
                "db1=https://198.51.100.5:2380,2001:db8::6=https://[2001:db8::6]:2380,db3.example.com=https://db3.example.com:2380");
        assertThat(EtcdMember.of(provision(false, TestHosts.at("198.51.100.5"), TestHosts.at("198.51.100.6"),
                TestHosts.at("198.51.100.7"))).get(2).peerUrl()).isEqualTo("http://198.51.100.7:2380");
    }

    @Test
    void oneMemberOfThreeDownKeepsTheQuorumAndTwoLoseIt() {
        List<EtcdMember> members = EtcdMember.of(provision(true, TestHosts.named("198.51.100.5", Optional.of("db1")),
                TestHosts.named("198.51.100.6", Optional.of("db2")), TestHosts.named("198.51.100.7", Optional.of("db3"))));

        assertThat(EtcdMember.quorumWithout(members, Set.of("198.51.100.6", "198.51.100.11"))).hasValue(
                "1 of 3 etcd members cannot be reached (db2): the cluster keeps its quorum (2 running, 2 needed) and K3s keeps serving");
        assertThat(EtcdMember.quorumWithout(members, Set.of("198.51.100.6", "198.51.100.7"))).hasValue(
                "2 of 3 etcd members cannot be reached (db2, db3): the cluster has lost its quorum (2 of 3 needed), so K3s can "
                        + "neither read nor write until enough of them are back");
        assertThat(EtcdMember.quorumWithout(members, Set.of("198.51.100.11"))).isEmpty();
        assertThat(EtcdMember.quorumWithout(members.subList(0, 1), Set.of("198.51.100.5"))).isEmpty();
    }
}
