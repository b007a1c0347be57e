package io.k3j.plan;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Registration;
import java.util.List;
import java.util.Optional;

/**
 * The K3s servers' backend in the HAProxy k3j-install runs (registration mode haproxy): its name in
 * haproxy.cfg, each server's name there, and the hosts it runs on. The one place haproxy.cfg, the
 * drain before a server's restart and the registration step's return to rotation take them from.
 */
final class HaproxyBackend {
    static final String NAME = "k3s-servers";

    private HaproxyBackend() {
    }

    /** The inventory's name for the server, else its address with {@code .} and {@code :} as {@code -}. */
    static String serverName(Host server) {
        return server.name().orElse(server.address().replace('.', '-').replace(':', '-'));
    }

    /** Where {@code server} sits in the HAProxy k3j-install runs, when it runs one. */
    static Optional<Operation.InHaproxy> of(Inventory inventory, Host server) {
        return hosts(inventory).map(hosts -> new Operation.InHaproxy(NAME, serverName(server), hosts));
    }

    /** What a server's restart says of its drain, when k3j-install runs HAProxy. */
    static Optional<String> drainNamed(Inventory inventory) {
        return hosts(inventory).map(hosts -> "taken out of HAProxy on " + String.join(", ", hosts)
                + " first (drain: no new connections; up to " + Operation.InHaproxy.SESSIONS_LIMIT.toSeconds()
                + " s for its sessions to end) and put back once it serves");
    }

    private static Optional<List<String>> hosts(Inventory inventory) {
        Registration registration = inventory.registration();
        return registration.haproxy().filter(haproxy -> registration.mode() == Registration.Mode.haproxy)
                .map(haproxy -> haproxy.hosts().stream().map(Host::address).toList());
    }
}
