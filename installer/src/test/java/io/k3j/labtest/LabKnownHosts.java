package io.k3j.labtest;

import io.k3j.lab.Lab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/** The lab's known_hosts file, one host at a time: a copy without a host, and a host's key as sshd offers it. */
public final class LabKnownHosts {

    private LabKnownHosts() {
    }

    /** Writes the lab's known_hosts without {@code host}'s line to {@code file}, as for a host never seen. */
    public static Path without(Lab lab, String host, Path file) {
        try {
            String address = lab.host(host).address();
            Files.writeString(file, lines(lab).stream().filter(line -> !line.startsWith(address + ","))
                    .collect(Collectors.joining("\n", "", "\n")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host}'s key as known_hosts writes it: the type and the base64 blob. */
    public static String key(Lab lab, String host) {
        String address = lab.host(host).address();
        String line = lines(lab).stream().filter(entry -> entry.startsWith(address + ",")).findFirst()
                .orElseThrow(() -> new AssertionError(host + " is not in the lab's known_hosts"));
        return line.substring(line.indexOf(' ') + 1).strip();
    }

    /** The SHA256 fingerprint of {@code host}'s key, as ssh-keygen -l shows it. */
    public static String fingerprint(Lab lab, String host) {
        byte[] blob = Base64.getDecoder().decode(key(lab, host).split(" ")[1]);
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(Lab lab) {
        try {
            return Files.readAllLines(lab.knownHosts());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
