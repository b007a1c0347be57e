package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.FactsKnowledge;
import io.k3j.facts.FactsParser;
import io.k3j.facts.HostFacts;
import io.k3j.plan.EtcdMember;
import io.k3j.plan.EtcdMembershipChange;
import io.k3j.plan.HostKnowledge;
import io.k3j.testing.TestHosts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the preflight refuses of a change of the provisioned etcd's members, before any host changes. */
class EtcdMembershipTest {
    private static final String THREE = "db1=https://198.51.100.5:2380,db2=https://198.51.100.6:2380,db3=https://198.51.100.7:2380";

    private final Map<String, HostFacts> facts = new LinkedHashMap<>();

    @Test
    void aReplacementOfOneMemberWithTheOthersRunningPasses() {
        running("198.51.100.5", "198.51.100.6");
        facts.put("198.51.100.8", FactsParser.parse("hostname=db4\n"));

        assertThat(check("198.51.100.5=db1", "198.51.100.6=db2", "198.51.100.8=db4")).isEmpty();
    }

    @Test
    void aMemberThatWouldJoinWhileNoMemberListsTheClusterIsRefusedNamingTheMembersWithData() {
        stopped("198.51.100.5", "198.51.100.6");
        facts.put("198.51.100.8", FactsParser.parse("hostname=db4\n"));

        assertThat(check("198.51.100.5=db1", "198.51.100.6=db2", "198.51.100.8=db4")).singleElement().satisfies(problem -> {
            assertThat(problem.host()).isEqualTo("198.51.100.8");
            assertThat(problem.problem()).isEqualTo("its etcd member would join the running cluster, but no member lists the "
                    + "cluster's members (k3j-etcd runs on none of 198.51.100.5, 198.51.100.6)");
        });
    }

    @Test
    void aStoppedClusterWhoseMembersAllHoldDataIsStartedAsItIs() {
        stopped("198.51.100.5", "198.51.100.6", "198.51.100.7");

        assertThat(check("198.51.100.5=db1", "198.51.100.6=db2", "198.51.100.7=db3")).isEmpty();
    }

    @Test
    void aChangeThatKeepsNoneOfTheVotingMembersIsRefused() {
        running("198.51.100.5");
        facts.put("198.51.100.8", FactsParser.parse("hostname=db4\n" + "etcd_members=" + members() + "\n"));
        facts.put("198.51.100.9", FactsParser.parse("hostname=db5\n"));
        facts.put("198.51.100.10", FactsParser.parse("hostname=db6\n"));
        facts.remove("198.51.100.5");

        assertThat(check("198.51.100.8=db4", "198.51.100.9=db5", "198.51.100.10=db6")).anySatisfy(problem -> assertThat(problem.problem())
                .isEqualTo("none of the running etcd cluster's voting members (db1, db2, db3) stays in the inventory's "
                        + "provision.hosts: the new members would have no one to join through"));
    }

    @Test
    void aMemberUnderAnotherNameIsRefused() {
        running("198.51.100.5", "198.51.100.6", "198.51.100.7");

        assertThat(check("198.51.100.5=db1", "198.51.100.6=etcd-b", "198.51.100.7=db3")).singleElement().satisfies(problem -> {
            assertThat(problem.host()).isEqualTo("198.51.100.6");
            assertThat(problem.problem()).startsWith("198.51.100.6 is etcd member db2 and the inventory names it etcd-b");
        });
    }

    @Test
    void aJoiningHostThatHoldsAnEarlierMembersDataIsRefused() {
        running("198.51.100.5", "198.51.100.6");
        facts.put("198.51.100.8", FactsParser.parse("hostname=db4\netcd_cluster=db4=https://198.51.100.8:2380\netcd_cluster_state=new\n"));

        assertThat(check("198.51.100.5=db1", "198.51.100.6=db2", "198.51.100.8=db4")).singleElement().satisfies(problem -> {
            assertThat(problem.host()).isEqualTo("198.51.100.8");
            assertThat(problem.problem()).contains("holds the data of an etcd member", "not in the running cluster");
        });
    }

    @Test
    void aMemberJoiningWhileAnotherWasAddedAndNeverStartedIsRefusedNamingItsId() {
        String withUnstarted = members() + " a9|unstarted||https://198.51.100.20:2380||true";
        for (String address : List.of("198.51.100.5", "198.51.100.6")) {
            facts.put(address, FactsParser.parse("hostname=" + name(address) + "\netcd=active\netcd_cluster=" + THREE
                    + "\netcd_members=" + withUnstarted + "\n"));
        }
        facts.put("198.51.100.8", FactsParser.parse("hostname=db4\n"));

        assertThat(check("198.51.100.5=db1", "198.51.100.6=db2", "198.51.100.7=db3", "198.51.100.8=db4")).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.problem()).startsWith("etcd member https://198.51.100.20:2380 (not started) (id a9) has no name");
                    assertThat(problem.fix()).contains("etcdctl member remove a9");
                });
    }

    @Test
    void aSingleMemberDoesNotGrowIntoAClusterByApply() {
        facts.put("198.51.100.5", FactsParser.parse("hostname=db1\netcd=active\netcd_cluster=db1=http://127.0.0.1:2380\n"
                + "etcd_members=8e9e05c52164694d|started|db1|http://127.0.0.1:2380|http://198.51.100.5:2379|false\n"));
        facts.put("198.51.100.6", FactsParser.parse("hostname=db2\n"));
        facts.put("198.51.100.7", FactsParser.parse("hostname=db3\n"));

        assertThat(check("198.51.100.5=db1", "198.51.100.6=db2", "198.51.100.7=db3")).singleElement().satisfies(problem ->
                assertThat(problem.problem()).contains("has 1 member and the inventory gives 3", "cannot grow into a cluster"));
    }

    private List<PreflightProblem> check(String... members) {
        List<EtcdMember> wanted = Arrays.stream(members).map(each -> each.split("=")).map(parts -> new EtcdMember(
                TestHosts.named(parts[0], Optional.of(parts[1])), parts[1], "https://" + parts[0] + ":2380")).toList();
        HostKnowledge knowledge = new FactsKnowledge(facts);
        return EtcdMembership.check(EtcdMembershipChange.of(wanted, knowledge), knowledge);
    }

    /** Members of the cluster of db1, db2, db3 that run and list it. */
    private void running(String... addresses) {
        for (String address : addresses) {
            facts.put(address, FactsParser.parse("hostname=" + name(address) + "\netcd=active\netcd_cluster=" + THREE
                    + "\netcd_cluster_state=new\netcd_members=" + members() + "\n"));
        }
    }

    private void stopped(String... addresses) {
        for (String address : addresses) {
            facts.put(address, FactsParser.parse("hostname=" + name(address) + "\netcd=inactive\netcd_cluster=" + THREE + "\n"));
        }
    }

    private static String members() {
        return "a1|started|db1|https://198.51.100.5:2380|https://198.51.100.5:2379|false a2|started|db2|https://198.51.100.6:2380|"
                + "https://198.51.100.6:2379|false a3|started|db3|https://198.51.100.7:2380|https://198.51.100.7:2379|false";
    }

    private static String name(String address) {
        return "db" + (Integer.parseInt(address.substring(address.lastIndexOf('.') + 1)) - 4);
    }
}
