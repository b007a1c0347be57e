package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Host;
import io.k3j.testing.ExampleInventories;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostKnowledgeTest {
    private final List<Host> servers = ExampleInventories.load("airgap.yaml").servers().hosts();

    @Test
    void givenVersionsAreTheNamedHostsBinariesAndEverythingElseIsWhatTheKnowledgeUnderneathKnows() {
        Host named = servers.get(0);
        Host other = servers.get(1);
        HostKnowledge knowledge = HostKnowledge.OFFLINE.withK3sVersions(Map.of(named.address(), "v1.30.8+k3s1"));

        assertThat(knowledge.k3sVersion(named)).contains("v1.30.8+k3s1");
        assertThat(knowledge.k3sVersion(other)).isEmpty();
        assertThat(List.of(knowledge.arch(other), knowledge.ip(other), knowledge.postgresMajor(other), knowledge.nodeName(other),
                knowledge.mayBeCordonedByK3j(other))).isEqualTo(List.of(HostKnowledge.OFFLINE.arch(other), HostKnowledge.OFFLINE.ip(other),
                HostKnowledge.OFFLINE.postgresMajor(other), HostKnowledge.OFFLINE.nodeName(other),
                HostKnowledge.OFFLINE.mayBeCordonedByK3j(other)));
    }
}
