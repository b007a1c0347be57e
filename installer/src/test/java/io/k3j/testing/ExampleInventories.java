package io.k3j.testing;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The example inventories of {@code inventories/}, loaded as apply loads them (none of them refers to a secret). */
public final class ExampleInventories {

    private ExampleInventories() {
    }

    public static Inventory load(String file) {
        return load(file, UnaryOperator.identity());
    }

    /** mysql-haproxy.yaml with etcd provisioned on its datastore host instead of MariaDB (etcd takes no database or user). */
    public static Inventory withProvisionedEtcd() {
        return load("mysql-haproxy.yaml", text -> text.replace("type: mysql", "type: etcd")
                .replaceAll("(?m)^      (database|user): .*\n", ""));
    }

    /** The example with its text edited first, read as if it were the example's file (its relative paths hold). */
    public static Inventory load(String file, UnaryOperator<String> edit) {
        Path path = Path.of("..", "inventories", file);
        try {
            return new InventoryLoader(name -> null).load(path, edit.apply(Files.readString(path))).inventory().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
