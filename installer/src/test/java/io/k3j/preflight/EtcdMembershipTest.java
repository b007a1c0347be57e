package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.facts.FactsParser;
import io.k3j.inventory.Inventory.Role;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EtcdMembershipTest {
    private static final String THREE = "db1=https://198.51.100.5:2380,db2=https://198.51.100.6:2380,db3=https://198.51.100.7:2380";
    private static final String FIVE = THREE + ",db4=https://198.51.100.8:2380,db5=https://198.51.100.9:2380";

    private static Preflight.HostUnderCheck member(String host, String formedWith) {
        return new Preflight.HostUnderCheck(host, Set.of(Role.DATASTORE),
                FactsParser.parse("hostname=" + host + "\netcd_cluster=" + formedWith + "\n"), Optional.empty());
    }

    @Test
    void membersFormedWithTheInventorysMembersAndNewOnesWithoutDataPass() {
        assertThat(EtcdMembership.check(THREE, List.of(member("db1", THREE), member("db2", THREE), member("db3", "")))).isEmpty();
    }

    @Test
    void aMemberFormedWithOtherMembersIsRefusedNamingBothListsAndTheByHandWay() {
        List<PreflightProblem> problems = EtcdMembership.check(FIVE, List.of(member("db1", THREE), member("db4", "")));

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.host()).isEqualTo("db1");
            assertThat(problem.problem()).contains("formed in a cluster of db1=https://198.51.100.5:2380, db2=", "db5=https://198.51.100.9:2380",
                    "does not add or remove the members of a running etcd cluster yet");
            assertThat(problem.fix()).contains("etcdctl member add", "member remove");
        });
    }

    @Test
    void onlyDatastoreHostsAreAsked() {
        Preflight.HostUnderCheck server = new Preflight.HostUnderCheck("s1", Set.of(Role.SERVER),
                FactsParser.parse("hostname=s1\netcd_cluster=" + THREE + "\n"), Optional.empty());

        assertThat(EtcdMembership.check(FIVE, List.of(server))).isEmpty();
    }
}
