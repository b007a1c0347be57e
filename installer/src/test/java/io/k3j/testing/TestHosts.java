package io.k3j.testing;

import io.k3j.inventory.Host;
import io.k3j.inventory.Position;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inventory hosts for tests: an address, and a name where one is given. */
public final class TestHosts {

    private TestHosts() {
    }

    public static Host at(String address) {
        return named(address, Optional.empty());
    }

    public static Host named(String address, Optional<String> name) {
        return new Host(address, name, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), List.of(), Optional.empty(), Position.START);
    }
}
