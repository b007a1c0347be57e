package io.k3j.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Files of this machine as upload content, each hashed once per run, so what a step's services
 * depend on and every host's "already identical?" check share one read of a large file. A file
 * whose size or modification time changed since is hashed again.
 */
public final class LocalFiles {
    private record Key(Path path, long size, FileTime modified) {
    }

    private final Map<Key, String> digests = new HashMap<>();

    /** Synchronized: hosts in parallel wait for the one hashing a file rather than read it again. */
    public synchronized Content.LocalFile content(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Key key = new Key(path, attributes.size(), attributes.lastModifiedTime());
            String sha256 = digests.get(key);
            if (sha256 == null) {
                try (InputStream in = Files.newInputStream(path)) {
                    sha256 = Sha256.of(in);
                }
                digests.put(key, sha256);
            }
            return new Content.LocalFile(path, key.size(), sha256);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " on this machine: " + e.getMessage(), e);
        }
    }
}
