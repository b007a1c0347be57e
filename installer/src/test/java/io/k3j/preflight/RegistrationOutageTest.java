package io.k3j.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Inventory;
import io.k3j.testing.ExampleInventories;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrationOutageTest {
    private final Inventory twoHaproxies = ExampleInventories.load("mysql-haproxy.yaml");

    @Test
    void everyHaproxyHostDownLeavesNothingServingTheAddressButTheServersAndRunningAgents() {
        assertThat(RegistrationOutage.without(twoHaproxies, Set.of("198.51.100.21", "198.51.100.22", "198.51.100.31"))).contains(
                "HAProxy on 198.51.100.21, 198.51.100.22 cannot be reached: nothing serves the registration address "
                        + "https://198.51.100.20:6443, so kubectl through it and agents joining or starting for the first time cannot "
                        + "reach the API until a HAProxy host is back; the servers keep serving, and agents that ran keep reaching "
                        + "them through their client-side load balancer");
    }

    @Test
    void oneOfTwoDownLeavesTheOtherServingWithTheVirtualIp() {
        assertThat(RegistrationOutage.without(twoHaproxies, Set.of("198.51.100.22"))).contains("HAProxy on 198.51.100.22 cannot be "
                + "reached: the registration address https://198.51.100.20:6443 is still served by 198.51.100.21 (keepalived moves "
                + "198.51.100.20 to a host that runs)");
    }

    @Test
    void otherHostsDownOrAnAddressNotK3jInstallsSayNothing() {
        assertThat(RegistrationOutage.without(twoHaproxies, Set.of("198.51.100.31"))).isEmpty();
        assertThat(RegistrationOutage.without(ExampleInventories.load("etcd-dedicated.yaml"), Set.of("api.edge.example.com", "203.0.113.31"))).isEmpty();
    }
}
