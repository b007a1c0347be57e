package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {
    private static final FileTime MODIFIED = FileTime.from(Instant.parse("2026-01-01T10:00:00Z"));

    @TempDir
    Path temp;

    private final LocalFiles files = new LocalFiles();

    private Path write(String name, String text, FileTime modified) throws IOException {
        Path file = Files.writeString(temp.resolve(name), text);
        Files.setLastModifiedTime(file, modified);
        return file;
    }

    @Test
    void aFileIsDescribedByItsSizeAndTheSha256OfItsBytes() throws IOException {
        Path file = write("images.tar", "abc", MODIFIED);

        Content.LocalFile content = files.content(file);

        assertThat(content.size()).isEqualTo(3);
        assertThat(content.sha256()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(content.path()).isEqualTo(file.toAbsolutePath());
        try (var in = content.open()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
        }
    }

    @Test
    void aFileIsHashedOnceWhileItsSizeAndModificationTimeStayTheSame() throws IOException {
        Path file = write("k3s", "aaaa", MODIFIED);
        String first = files.content(file).sha256();

        // Other bytes behind the same size and time: only a digest kept from the first read gives the old answer.
        write("k3s", "bbbb", MODIFIED);

        assertThat(files.content(file).sha256()).isEqualTo(first);
        assertThat(files.content(temp.resolve("../" + temp.getFileName() + "/k3s")).sha256()).isEqualTo(first);
    }

    @Test
    void aFileWhoseSizeOrTimeChangedIsHashedAgain() throws IOException {
        Path file = write("k3s", "aaaa", MODIFIED);
        String first = files.content(file).sha256();

        write("k3s", "bbbb", FileTime.from(MODIFIED.toInstant().plusSeconds(1)));
        String newerTime = files.content(file).sha256();
        write("k3s", "bbbbb", MODIFIED);
        String otherSize = files.content(file).sha256();

        assertThat(newerTime).isNotEqualTo(first).isEqualTo(Content.of("bbbb").sha256());
        assertThat(otherSize).isEqualTo(Content.of("bbbbb").sha256());
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = temp.resolve("k3s-airgap-images-amd64.tar.zst");

        assertThatThrownBy(() -> files.content(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read " + missing + " on this machine");
    }
}
