package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.render.TemplateRenderer;
import io.k3j.testing.ExampleInventories;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the HAProxy k3j-install runs, a server's restart names its drain on every registration
 * host, under the name haproxy.cfg gives it; with an address k3j-install does not run, none.
 */
class ServerDrainPlanTest {
    private static final List<String> BALANCERS = List.of("198.51.100.21", "198.51.100.22");

    @Test
    void aServerIsDrainedOnEveryRegistrationHostUnderItsNameInHaproxyCfg() {
        Plan plan = plan(ExampleInventories.load("mysql-haproxy.yaml"));

        for (HostPlan server : step(plan, Step.SERVERS).hosts()) {
            String name = server.host().replace('.', '-');
            assertThat(serving(server).haproxy()).hasValue(new Operation.InHaproxy("k3s-servers", name, BALANCERS));
            assertThat(start(server).description()).contains("running servers restart one at a time, each taken out of HAProxy on "
                    + "198.51.100.21, 198.51.100.22 first (drain: no new connections; up to 5 s for its sessions to end) and put back "
                    + "once it serves, each serving again through https://198.51.100.20:6443 before the next");
            for (HostPlan balancer : step(plan, Step.REGISTRATION).hosts()) {
                assertThat(haproxyCfg(balancer)).contains("\nbackend k3s-servers\n").contains("    server " + name + " " + server.host() + ":6443\n");
            }
        }
    }

    @Test
    void aServerNamedInTheInventoryIsDrainedUnderThatName() {
        Plan plan = plan(ExampleInventories.load("large-24-workers.yaml"));

        HostPlan second = step(plan, Step.SERVERS).hosts().get(1);
        assertThat(serving(second).haproxy()).hasValue(new Operation.InHaproxy("k3s-servers", "server-2", List.of("198.51.100.21")));
        assertThat(haproxyCfg(step(plan, Step.REGISTRATION).hosts().get(0))).contains("    server server-2 198.51.100.12:6443\n");
    }

    @Test
    void anAddressK3jInstallDoesNotRunDrainsNothing() {
        Plan plan = plan(ExampleInventories.load("etcd-dedicated.yaml"));

        assertThat(step(plan, Step.SERVERS).hosts()).isNotEmpty().allSatisfy(server -> {
            assertThat(serving(server).haproxy()).isEmpty();
            assertThat(start(server).description()).doesNotContain("HAProxy");
        });
    }

    private static Plan plan(Inventory inventory) {
        ClusterValues values = ClusterValues.offline(inventory, new InventoryLoader(Map.<String, String>of()::get).secrets(inventory));
        return new Planner(new TemplateRenderer()).plan(inventory, values, HostKnowledge.OFFLINE);
    }

    private static Action start(HostPlan server) {
        return server.actions().stream().filter(action -> action.operation() instanceof Operation.Services).findFirst().orElseThrow();
    }

    private static Operation.ServerServing serving(HostPlan server) {
        return (Operation.ServerServing) ((Operation.Services) start(server).operation()).ready();
    }

    private static String haproxyCfg(HostPlan balancer) {
        return balancer.actions().stream().flatMap(action -> action.file().stream()).filter(file -> file.path().equals(Paths.HAPROXY_CONFIG))
                .map(ManagedFile::content).findFirst().orElseThrow();
    }

    private static StepPlan step(Plan plan, Step step) {
        return plan.steps().stream().filter(candidate -> candidate.step() == step).findFirst().orElseThrow();
    }
}
