package io.k3j.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a command reads on standard input, or what an upload writes: bytes in memory, or a file of
 * this machine sent as a stream (an air-gap tarball is too large to hold). Both can be opened
 * again, so a command retried on a new connection sends its input again from the start.
 */
public sealed interface Content {

    Content NONE = new Bytes(new byte[0]);

    static Content of(byte[] bytes) {
        return new Bytes(bytes);
    }

    static Content of(String text) {
        return new Bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    long size();

    String sha256();

    InputStream open() throws IOException;

    record Bytes(byte[] bytes) implements Content {

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public String sha256() {
            return Sha256.of(bytes);
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }
    }

    /** A file of this machine with its size and digest, as {@link LocalFiles} found them. */
    record LocalFile(Path path, long size, String sha256) implements Content {

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(path);
        }
    }
}
