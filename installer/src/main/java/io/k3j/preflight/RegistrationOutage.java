package io.k3j.preflight;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Registration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the HAProxy hosts k3j-install set up for the registration address being out of reach means
 * for the cluster, said with the hosts that cannot be reached. The API stays up: every server
 * still serves, and an agent that runs reaches them through its client-side load balancer, which
 * learned every server (docs.k3s.io architecture, "Fixed registration address"; the K3s
 * double copies pkg/agent/loadbalancer). What stops is everything that dials the address.
 */
public final class RegistrationOutage {

    private RegistrationOutage() {
    }

    /** Empty when the address is not k3j-install's HAProxy, or none of its hosts is in {@code down}. */
    public static Optional<String> without(Inventory inventory, Set<String> down) {
        Registration registration = inventory.registration();
        Optional<Registration.Haproxy> haproxy = registration.haproxy().filter(any -> registration.mode() == Registration.Mode.haproxy);
        if (haproxy.isEmpty()) {
            return Optional.empty();
        }
        List<String> hosts = haproxy.get().hosts().stream().map(Host::address).toList();
        List<String> gone = hosts.stream().filter(down::contains).toList();
        if (gone.isEmpty()) {
            return Optional.empty();
        }
        String which = "HAProxy on " + String.join(", ", gone) + " cannot be reached: ";
        if (gone.size() < hosts.size()) {
            return Optional.of(which + "the registration address " + registration.url() + " is still served by "
                    + String.join(", ", hosts.stream().filter(host -> !down.contains(host)).toList())
                    + haproxy.get().vip().map(vip -> " (keepalived moves " + vip + " to a host that runs)").orElse(""));
        }
        return Optional.of(which + "nothing serves the registration address " + registration.url() + ", so kubectl through it "
                + "and agents joining or starting for the first time cannot reach the API until a HAProxy host is back; the "
                + "servers keep serving, and agents that ran keep reaching them through their client-side load balancer");
    }
}
