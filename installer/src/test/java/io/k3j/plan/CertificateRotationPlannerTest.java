package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.testing.ExampleInventories;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CertificateRotationPlannerTest {
    private final Inventory inventory = ExampleInventories.load("mysql-haproxy.yaml");
    private final HostKnowledge knowledge = HostKnowledge.OFFLINE.withK3sVersions(all().stream()
            .collect(Collectors.toMap(address -> address, address -> "v1.31.4+k3s1")));

    private Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        inventory.servers().hosts().forEach(host -> all.add(host.address()));
        inventory.workers().hosts().forEach(host -> all.add(host.address()));
        return all;
    }

    @Test
    void serversOneWaveEachInTheInventorysOrderThenTheAgentsTogether() {
        List<StepPlan> steps = new CertificateRotationPlanner(inventory, knowledge).plan(all(), List.of());

        assertThat(steps).extracting(StepPlan::step).containsExactly(Step.SERVERS, Step.WORKERS);
        assertThat(steps.get(0).waves()).hasSize(inventory.servers().hosts().size()).allMatch(wave -> wave.size() == 1);
        assertThat(steps.get(0).hosts()).extracting(HostPlan::host)
                .containsExactlyElementsOf(inventory.servers().hosts().stream().map(Host::address).toList());
        Operation.RenewCertificates server = (Operation.RenewCertificates) steps.get(0).hosts().get(0).actions().get(0).operation();
        assertThat(server).isEqualTo(new Operation.RenewCertificates("k3s", true, List.of(),
                new Operation.ServerServing("v1.31.4+k3s1", inventory.registration().url(), Optional.of(new Operation.InHaproxy("k3s-servers",
                        "198-51-100-11", List.of("198.51.100.21", "198.51.100.22"))))));
        assertThat(steps.get(1).waves()).singleElement().satisfies(wave -> assertThat(wave).hasSize(inventory.workers().hosts().size()));
        assertThat(steps.get(1).hosts().get(0).actions().get(0).operation()).isEqualTo(new Operation.RenewCertificates("k3s-agent", false,
                List.of(), new Operation.NodeReady(Optional.of("v1.31.4+k3s1"))));
    }

    @Test
    void agentsOnlyForTheirOwnServicesAndOnlyTheChosenHosts() {
        CertificateRotationPlanner planner = new CertificateRotationPlanner(inventory, knowledge);
        String second = inventory.servers().hosts().get(1).address();

        assertThat(planner.plan(all(), List.of("admin", "api-server")).get(1).waves()).isEmpty();
        assertThat(planner.plan(all(), List.of("kubelet")).get(1).hosts()).hasSize(inventory.workers().hosts().size());
        List<StepPlan> one = planner.plan(Set.of(second), List.of());
        assertThat(one.get(0).hosts()).extracting(HostPlan::host).containsExactly(second);
        assertThat(one.get(1).waves()).isEmpty();
    }
}
