package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.facts.FactsParser;
import io.k3j.inventory.Host;
import io.k3j.inventory.Position;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.k3j.testing.TestHosts;
import org.junit.jupiter.api.Test;

class FactsKnowledgeTest {

    private static Host named(String address) {
        return TestHosts.at(address);
    }

    @Test
    void aHostNamedByDnsIsReachedAtItsFirstIpAddressAndNothingElse() {
        FactsKnowledge knowledge = new FactsKnowledge(Map.of("db1.example.com",
                FactsParser.parse("addresses=0.0.0.0/0 trust 198.51.100.5 198.51.100.6\n")));

        assertThat(knowledge.ip(named("db1.example.com"))).isEqualTo("198.51.100.5");
    }

    @Test
    void aPostgresqlVersionThatIsNoNumberNeverBecomesAPath() {
        FactsKnowledge knowledge = new FactsKnowledge(Map.of("198.51.100.5", FactsParser.parse("postgresql_major=../../etc\n")));

        assertThat(knowledge.postgresMajor(named("198.51.100.5"))).isEqualTo("15");
    }
}
