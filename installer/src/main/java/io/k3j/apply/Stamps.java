package io.k3j.apply;

import io.k3j.plan.Paths;
import io.k3j.ssh.Content;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * What a host's services were last started with, and what its set-up scripts last ran with: a
 * hash of their inputs kept in {@link Paths#STAMPS}. Written only once the work succeeded, so an
 * apply cut short (Ctrl-C, a failure) restarts or reruns on the next apply even though the files
 * it wrote are already in place.
 */
final class Stamps {

    private Stamps() {
    }

    static String hash(List<String> inputs) {
        MessageDigest digest = Sha256.digest();
        for (String input : inputs) {
            digest.update(input.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        return Sha256.hex(digest);
    }

    static boolean matches(RemoteHost host, String name, String hash) {
        Optional<byte[]> kept = host.readFile(path(name));
        return kept.isPresent() && new String(kept.get(), StandardCharsets.UTF_8).strip().equals(hash);
    }

    static void record(RemoteHost host, String name, String hash) {
        host.upload(path(name), Content.of(hash + "\n"), "0600", "root:root");
    }

    private static String path(String name) {
        return Paths.STAMPS + "/" + name;
    }
}
