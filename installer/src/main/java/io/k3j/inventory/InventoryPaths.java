package io.k3j.inventory;

import java.nio.file.Path;

/** How the inventory's paths read: from the operator's machine, relative to the inventory's folder. */
public final class InventoryPaths {

    private InventoryPaths() {
    }

    /** The folder an inventory file stands in (its paths and {@code ${file:...}} secrets are relative to it). */
    public static Path folderOf(Path inventoryFile) {
        Path parent = inventoryFile.toAbsolutePath().getParent();
        return parent == null ? Path.of(".") : parent;
    }

    /** {@code ~/} is the operator's home; a relative path is relative to the inventory's folder. */
    public static Path resolve(String text, Path inventoryFolder) {
        Path given = Path.of(text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text);
        return given.isAbsolute() ? given : inventoryFolder.resolve(given).normalize();
    }
}
