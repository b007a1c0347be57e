package io.k3j.kubeconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a kubeconfig for the operator: mode 0600 from the first byte, atomically, optionally merged into the file there. */
public final class KubeconfigFile {

    private KubeconfigFile() {
    }

    public static void write(Path file, Kubeconfig kubeconfig, boolean merge) {
        try {
            Kubeconfig result = merge && Files.exists(file)
                    ? kubeconfig.mergedInto(Kubeconfig.parse(Files.readString(file, StandardCharsets.UTF_8))) : kubeconfig;
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".kubeconfig", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, result.toYaml(), StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig " + file, e);
        }
    }
}
