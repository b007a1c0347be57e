package io.k3j.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The {@code .k3j} folder beside an inventory: the CA key of a provisioned datastore, secrets typed
 * into the wizard, its draft, the run logs. Made for its owner only (0700), with a {@code .gitignore}
 * of its own that ignores everything in it, so committing the inventory's folder commits none of it.
 */
public final class StateFolder {
    public static final String NAME = ".k3j";
    static final String GITIGNORE = "# k3j-install's keys, secrets and logs: never commit them\n*\n";

    private StateFolder() {
    }

    /** Makes {@code directory} and its parents; a {@code .k3j} folder among them made here is made as above. */
    public static void createDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        for (Path folder = absolute; folder != null; folder = folder.getParent()) {
            if (folder.getFileName() != null && folder.getFileName().toString().equals(NAME) && !Files.exists(folder)) {
                Files.createDirectories(folder.getParent());
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.writeString(folder.resolve(".gitignore"), GITIGNORE);
            }
        }
        Files.createDirectories(absolute);
    }
}
