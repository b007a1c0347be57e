package io.k3j.wizard;

import io.k3j.inventory.InventoryPaths;
import java.nio.file.Path;

/**
 * Keeps a secret typed in clear out of the inventory and the draft: it goes into its own 0600 file
 * under {@code .k3j/secrets/} next to the inventory, and the answer becomes a {@code ${file:...}}
 * reference to it. With {@code inClear} (the operator insisted) the secret stays in the answer.
 */
public final class SecretKeeper {
    static final String FOLDER = ".k3j/secrets";

    private final Path inventoryFolder;
    private final boolean inClear;

    public SecretKeeper(Path inventoryFile, boolean inClear) {
        this.inventoryFolder = InventoryPaths.folderOf(inventoryFile);
        this.inClear = inClear;
    }

    String keep(String key, String answer) {
        if (inClear || !SecretAnswer.isClear(answer)) {
            return answer;
        }
        String relative = FOLDER + "/" + key.replace('.', '-');
        PrivateFile.write(inventoryFolder.resolve(relative), answer);
        return "${file:" + relative + "}";
    }
}
