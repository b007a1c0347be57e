package io.k3j.backup;

import io.k3j.inventory.Inventory;
import io.k3j.plan.K3sToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backup folder as {@link ClusterBackup} wrote it, read back and checked before anything is
 * touched: every file listed in {@code SHA256SUMS} has its sha256 (a file changed by one byte is
 * refused), the manifest is one this version writes, the token a server token, and the datastore
 * the inventory's type.
 */
public record BackupFolder(Path directory, BackupManifest manifest, String token) {

    public Path dump() {
        return directory.resolve(manifest.dumpFile());
    }

    /** The backup in {@code directory}, checked; {@link BackupRefused} saying what is wrong otherwise. */
    public static BackupFolder open(Path directory) {
        try {
            Map<String, String> listed = Checksums.parse(read(directory, Checksums.FILE))
                    .orElseThrow(() -> refused(directory, Checksums.FILE + " is not a list of sha256 sums as k3j-install writes it"));
            for (String needed : List.of(BackupManifest.FILE, ClusterBackup.TOKEN_FILE)) {
                if (!listed.containsKey(needed)) {
                    throw refused(directory, Checksums.FILE + " does not list " + needed);
                }
            }
            Map<String, Optional<String>> actual = new LinkedHashMap<>();
            for (String file : listed.keySet()) {
                Path path = directory.resolve(file);
                actual.put(file, Files.isRegularFile(path) ? Optional.of(BackupFiles.sha256(path)) : Optional.empty());
            }
            List<String> mismatches = Checksums.mismatches(listed, actual);
            if (!mismatches.isEmpty()) {
                throw refused(directory, "it does not match its checksums: " + String.join("; ", mismatches)
                        + " (the file was changed or damaged since the backup; use another backup)");
            }
            BackupManifest manifest = BackupManifest.parse(read(directory, BackupManifest.FILE))
                    .orElseThrow(() -> refused(directory, BackupManifest.FILE + " is not a manifest this version of k3j-install reads"));
            if (!listed.containsKey(manifest.dumpFile())) {
                throw refused(directory, Checksums.FILE + " does not list the dump " + manifest.dumpFile());
            }
            String token = read(directory, ClusterBackup.TOKEN_FILE).strip();
            if (K3sToken.parse(token).filter(parsed -> parsed.user().equals(K3sToken.SERVER)).isEmpty()) {
                throw refused(directory, ClusterBackup.TOKEN_FILE + " does not hold a server token (K10<hash>::server:<password>)");
            }
            return new BackupFolder(directory, manifest, token);
        } catch (NoSuchFileException e) {
            throw refused(directory, e.getFile() + " does not exist: not a backup folder k3j-install made");
        } catch (IOException e) {
            throw refused(directory, "cannot read it: " + e.getMessage());
        }
    }

    /** That this backup fits the inventory it is restored with: the same datastore type, one k3j-install can restore. */
    public void requireFits(Inventory inventory) {
        if (manifest.datastore() != inventory.datastore().type()) {
            throw new BackupRefused("the backup " + directory + " is of a " + manifest.datastore() + " datastore, but "
                    + inventory.file() + " has spec.datastore.type " + inventory.datastore().type()
                    + ": restore it with an inventory of the same datastore type; no host was touched");
        }
        ClusterRestore.requireRestorable(inventory);
    }

    private static String read(Path directory, String file) throws IOException {
        return Files.readString(directory.resolve(file));
    }

    private static BackupRefused refused(Path directory, String why) {
        return new BackupRefused("the backup " + directory + " cannot be restored: " + why + "; no host was touched");
    }
}
