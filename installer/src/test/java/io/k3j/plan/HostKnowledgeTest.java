package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Host;
import io.k3j.inventory.Position;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostKnowledgeTest {

    private static Host at(String address) {
        return new Host(address, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), List.of(), Optional.empty(), Position.START);
    }

    @Test
    void givenVersionsAreTheNamedHostsBinariesAndEverythingElseIsWhatTheKnowledgeUnderneathKnows() {
        HostKnowledge knowledge = HostKnowledge.OFFLINE.withK3sVersions(Map.of("198.51.100.11", "v1.30.8+k3s1"));

        assertThat(knowledge.k3sVersion(at("198.51.100.11"))).contains("v1.30.8+k3s1");
        assertThat(knowledge.k3sVersion(at("198.51.100.12"))).isEmpty();
        Host other = at("198.51.100.12");
        assertThat(List.of(knowledge.arch(other), knowledge.ip(other), knowledge.postgresMajor(other), knowledge.nodeName(other)))
                .isEqualTo(List.of(HostKnowledge.OFFLINE.arch(other), HostKnowledge.OFFLINE.ip(other),
                        HostKnowledge.OFFLINE.postgresMajor(other), HostKnowledge.OFFLINE.nodeName(other)));
    }
}
