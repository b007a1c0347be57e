package io.k3j.inventory;

import java.util.Optional;

/** A jump host through which a host is reached. */
public record Bastion(String address, Optional<String> user, Optional<Integer> port, Optional<String> keyPath) {
}
