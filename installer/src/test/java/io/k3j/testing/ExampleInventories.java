package io.k3j.testing;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import java.nio.file.Path;

/** The example inventories of {@code inventories/}, loaded as apply loads them (none of them refers to a secret). */
public final class ExampleInventories {

    private ExampleInventories() {
    }

    public static Inventory load(String file) {
        return new InventoryLoader(name -> null).load(Path.of("..", "inventories", file)).inventory().orElseThrow();
    }
}
