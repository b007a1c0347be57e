package io.k3j.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.testing.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiKeptCertificatesTest {
    @TempDir
    Path inventoryFolder;

    private final AtomicInteger issued = new AtomicInteger();
    private final Supplier<DatastoreCertificates> issue = () -> {
        issued.incrementAndGet();
        return new CertificateIssuer(new ManualClock(), new SecureRandom()).issue("edge", List.of("198.51.100.5"), "k3s");
    };

    @Test
    void theFirstUseMakesThemInThePkiFolderBesideTheInventoryOnlyTheOwnerMayRead() throws IOException {
        Path directory = KeptCertificates.directoryFor(inventoryFolder, "edge");

        KeptCertificates.Kept kept = new KeptCertificates(directory).keepOrMake(issue);

        assertThat(directory).isEqualTo(inventoryFolder.resolve(".k3j/pki/edge"));
        assertThat(kept.made()).isTrue();
        assertThat(kept.files().ca()).isEqualTo(directory.resolve("ca.pem"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName() + " " + permissions(file))).containsExactlyInAnyOrder(
                    "ca.pem rw-------", "ca-key.pem rw-------", "server.pem rw-------", "server-key.pem rw-------",
                    "client.pem rw-------", "client-key.pem rw-------");
        }
        assertThat(Files.readString(kept.files().clientKey())).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void laterUsesReadTheSameFilesBackWithoutMakingNewOnes() throws IOException {
        KeptCertificates kept = new KeptCertificates(KeptCertificates.directoryFor(inventoryFolder, "edge"));
        KeptCertificates.Kept first = kept.keepOrMake(issue);
        String ca = Files.readString(first.files().ca());

        KeptCertificates.Kept second = kept.keepOrMake(issue);

        assertThat(second.made()).isFalse();
        assertThat(second.files()).isEqualTo(first.files());
        assertThat(Files.readString(second.files().ca())).isEqualTo(ca);
        assertThat(issued).hasValue(1);
    }

    @Test
    void anEmptyFolderThereIsMadeOwnerOnlyAndFilled() throws IOException {
        Path directory = Files.createDirectories(KeptCertificates.directoryFor(inventoryFolder, "edge"));

        assertThat(new KeptCertificates(directory).keepOrMake(issue).made()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
    }

    @Test
    void aFolderWithOnlySomeOfThemIsNotPatchedButSaidSo() throws IOException {
        KeptCertificates kept = new KeptCertificates(KeptCertificates.directoryFor(inventoryFolder, "edge"));
        Files.delete(kept.keepOrMake(issue).files().serverKey());

        assertThatThrownBy(() -> kept.keepOrMake(issue)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds only some of the datastore's certificates; remove the folder");
        assertThat(issued).hasValue(1);
    }

    private static String permissions(Path file) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
