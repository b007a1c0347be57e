package io.k3j.inventory;

import java.util.List;
import java.util.Optional;

/** An inventory and the problems found in it: the inventory is present only when there are none. */
public record LoadResult(Optional<Inventory> inventory, List<Problem> problems) {

    public boolean valid() {
        return problems.isEmpty() && inventory.isPresent();
    }
}
