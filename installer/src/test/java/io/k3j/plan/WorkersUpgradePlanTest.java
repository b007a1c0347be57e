package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import io.k3j.render.TemplateRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new K3s version: the workers on another version go in batches of --max-unavailable, each
 * cordoned, drained, upgraded, Ready at the version, uncordoned; new workers and those at the
 * version join or stay together first; the servers name the upgrade too.
 */
class WorkersUpgradePlanTest {
    private static final String OLD = "v1.30.8+k3s1";
    private static final String NEW = "v1.31.4+k3s1";

    @TempDir
    Path folder;

    @Test
    void workersOnTheOldVersionGoInBatchesEachCordonedDrainedUpgradedAndUncordoned() throws IOException {
        Inventory inventory = load();
        StepPlan workers = plan(inventory, Map.of("198.51.100.31", OLD, "198.51.100.32", OLD, "198.51.100.33", OLD, "198.51.100.34", NEW),
                new Rollout(MaxUnavailable.parse("2").orElseThrow(), true, Duration.ofSeconds(60)), Step.WORKERS);

        assertThat(workers.waves()).extracting(wave -> wave.stream().map(HostPlan::host).toList()).containsExactly(
                List.of("198.51.100.34", "198.51.100.35"), List.of("198.51.100.31", "198.51.100.32"), List.of("198.51.100.33"));
        HostPlan upgrading = workers.waves().get(1).get(0);
        assertThat(upgrading.role()).isEqualTo("worker, upgrade " + OLD + " -> " + NEW);
        assertThat(upgrading.actions()).extracting(action -> action.operation().getClass().getSimpleName()).containsExactly(
                "Cordon", "Drain", "Script", "WriteFile", "WriteFile", "WriteFile", "Services", "WriteFile", "WriteFile", "Script", "Uncordon");
        assertThat(upgrading.actions().get(1).operation()).isEqualTo(new Operation.Drain(NEW, Duration.ofSeconds(60)));
        assertThat(upgrading.actions().get(2).description()).startsWith("upgrade k3s " + OLD + " -> " + NEW + ": download k3s " + NEW);
        assertThat(((Operation.Services) upgrading.actions().get(6).operation()).ready()).isEqualTo(new Operation.NodeReady(Optional.of(NEW)));
        assertThat(workers.summary()).endsWith("3 upgraded to " + NEW + ", 2 at a time (--max-unavailable 2), each drained first");
    }

    @Test
    void aWorkerAtTheVersionIsOnlyUncordonedIfAnEarlierRunLeftItSoAndANewOneIsNeither() throws IOException {
        StepPlan workers = plan(load(), Map.of("198.51.100.34", NEW), Rollout.DEFAULT, Step.WORKERS);

        assertThat(workers.waves()).hasSize(1);
        assertThat(actions(workers, "198.51.100.34")).last().isEqualTo("Uncordon");
        assertThat(actions(workers, "198.51.100.35")).doesNotContain("Cordon", "Drain", "Uncordon");
    }

    @Test
    void withoutDrainTheWorkersAreCordonedNotDrainedAndTheDefaultBatchIsOne() throws IOException {
        StepPlan workers = plan(load(), Map.of("198.51.100.31", OLD, "198.51.100.32", OLD),
                new Rollout(MaxUnavailable.DEFAULT, false, Duration.ofSeconds(60)), Step.WORKERS);

        assertThat(workers.waves()).extracting(List::size).containsExactly(3, 1, 1);
        assertThat(actions(workers, "198.51.100.31")).contains("Cordon", "Uncordon").doesNotContain("Drain");
        assertThat(workers.summary()).endsWith("1 at a time (--max-unavailable 10%), not drained (--no-drain)");
    }

    @Test
    void aServerOnTheOldVersionNamesItsUpgradeAndWaitsForItsNodeAtTheNewOne() throws IOException {
        StepPlan servers = plan(load(), Map.of("198.51.100.11", OLD), Rollout.DEFAULT, Step.SERVERS);

        HostPlan first = servers.waves().get(0).get(0);
        assertThat(first.role()).isEqualTo("first server, upgrade " + OLD + " -> " + NEW);
        assertThat(first.actions().get(0).description()).startsWith("upgrade k3s " + OLD + " -> " + NEW + ": ");
        assertThat(first.actions()).extracting(Action::operation).filteredOn(Operation.Services.class::isInstance)
                .singleElement().isEqualTo(new Operation.Services(List.of("k3s"),
                        new Operation.ServerServing(NEW, "https://k8s.example.com:6443"), true));
        assertThat(servers.waves().get(1).get(0).role()).isEqualTo("server");
    }

    private static List<String> actions(StepPlan step, String host) {
        return step.hosts().stream().filter(plan -> plan.host().equals(host)).findFirst().orElseThrow().actions().stream()
                .map(action -> action.operation().getClass().getSimpleName()).toList();
    }

    private static StepPlan plan(Inventory inventory, Map<String, String> versions, Rollout rollout, Step step) {
        HostKnowledge knowledge = HostKnowledge.OFFLINE.withK3sVersions(versions);
        ClusterValues values = ClusterValues.offline(inventory, new InventoryLoader(Map.<String, String>of()::get).secrets(inventory));
        return new Planner(new TemplateRenderer(), rollout).plan(step, inventory, values, knowledge);
    }

    private Inventory load() throws IOException {
        Path file = Files.writeString(folder.resolve("inventory.yaml"), """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: edge}
                spec:
                  k3s: {version: %s}
                  datastore: {type: postgres, endpoint: "postgres://k3s:pw@198.51.100.5:5432/k3s"}
                  servers:
                    hosts: [{address: 198.51.100.11}, {address: 198.51.100.12}]
                  registration: {address: k8s.example.com, mode: dns}
                  workers:
                    hosts: [{address: 198.51.100.31}, {address: 198.51.100.32}, {address: 198.51.100.33}, {address: 198.51.100.34},
                            {address: 198.51.100.35}]
                """.formatted(NEW));
        LoadResult result = new InventoryLoader(Map.<String, String>of()::get).load(file);
        assertThat(result.problems()).isEmpty();
        return result.inventory().orElseThrow();
    }
}
