package io.k3j.inventory;

import java.util.List;
import java.util.Optional;

/**
 * An inventory and the problems found in it: the inventory is present only when there are none.
 * Warnings (allowed but unsafe settings, such as an http:// mirror) never make it invalid.
 */
public record LoadResult(Optional<Inventory> inventory, List<Problem> problems, List<Problem> warnings) {

    public LoadResult(Optional<Inventory> inventory, List<Problem> problems) {
        this(inventory, problems, List.of());
    }

    public boolean valid() {
        return problems.isEmpty() && inventory.isPresent();
    }
}
