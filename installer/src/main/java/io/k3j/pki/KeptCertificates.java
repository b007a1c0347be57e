package io.k3j.pki;

import io.k3j.inventory.StateFolder;
import io.k3j.wizard.PrivateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A datastore's certificates kept on the operator's machine, in {@code .k3j/pki/<cluster>/} beside
 * the inventory (like the run logs): made once, then read back by every plan and apply, so they
 * render the same files. The folder is 0700 and every file in it 0600; the CA key never leaves it.
 */
public final class KeptCertificates {
    static final String CA_KEY = "ca-key.pem";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    /** The kept files K3s and the datastore host need (the CA key is not among them). */
    public record HostFiles(Path ca, Path server, Path serverKey, Path client, Path clientKey) {
    }

    /** The files, and whether this call made them. */
    public record Kept(HostFiles files, boolean made) {
    }

    private final Path directory;

    public KeptCertificates(Path directory) {
        this.directory = directory;
    }

    /** Where an inventory's cluster keeps its datastore's certificates. */
    public static Path directoryFor(Path inventoryFolder, String cluster) {
        return inventoryFolder.resolve(".k3j").resolve("pki").resolve(cluster);
    }

    public Path directory() {
        return directory;
    }

    /** The kept certificates, or those {@code issue} makes when there are none yet. */
    public Kept keepOrMake(Supplier<DatastoreCertificates> issue) {
        HostFiles files = new HostFiles(file("ca.pem"), file("server.pem"), file("server-key.pem"), file("client.pem"), file("client-key.pem"));
        List<Path> all = List.of(files.ca(), file(CA_KEY), files.server(), files.serverKey(), files.client(), files.clientKey());
        long present = all.stream().filter(Files::exists).count();
        if (present == all.size()) {
            return new Kept(files, false);
        }
        if (present > 0) {
            throw new IllegalStateException(directory + " holds only some of the datastore's certificates; remove the folder, "
                    + "and the next plan or apply makes new ones (the datastore and the servers then get them)");
        }
        DatastoreCertificates made = issue.get();
        createDirectory();
        PrivateFile.write(files.ca(), made.ca().certificate());
        PrivateFile.write(file(CA_KEY), made.ca().key());
        PrivateFile.write(files.server(), made.server().certificate());
        PrivateFile.write(files.serverKey(), made.server().key());
        PrivateFile.write(files.client(), made.client().certificate());
        PrivateFile.write(files.clientKey(), made.client().key());
        return new Kept(files, true);
    }

    /**
     * The kept serving certificate and key replaced by what {@code reissue} makes of the kept CA
     * (certificate and key): the CA, and so K3s' client certificate, stay.
     */
    public void replaceServing(Function<DatastoreCertificates.Issued, DatastoreCertificates.Issued> reissue) {
        DatastoreCertificates.Issued serving = reissue.apply(new DatastoreCertificates.Issued(read(file("ca.pem")), read(file(CA_KEY))));
        PrivateFile.write(file("server-key.pem"), serving.key());
        PrivateFile.write(file("server.pem"), serving.certificate());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(String name) {
        return directory.resolve(name);
    }

    private void createDirectory() {
        try {
            StateFolder.createDirectories(directory.getParent());
            if (Files.isDirectory(directory)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
            } else {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + directory + ": " + e.getMessage(), e);
        }
    }
}
