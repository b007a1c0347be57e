package io.k3j.preflight;

import io.k3j.inventory.K3sVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the air-gap binary given is the target release, before it is uploaded anywhere. It
 * cannot be run here (another architecture, or no Linux at all), so its bytes are read: K3s
 * links its version into the binary as a plain string ({@code -X .../pkg/version.Version=v1.31.4+k3s1}
 * in scripts/version.sh and scripts/build), which {@code k3s --version} prints. The binary is a
 * release of the target when that version is among the versions it holds.
 */
public final class AirgapRelease {
    private static final Pattern VERSION = Pattern.compile("v\\d{1,6}\\.\\d{1,6}\\.\\d{1,6}(?:-rc\\d{1,6})?\\+k3s\\d{1,6}");
    private static final int CHUNK = 1 << 20;
    /** Longer than any version the pattern matches, so one cut by a chunk's end is whole in the next. */
    private static final int OVERLAP = 64;

    private AirgapRelease() {
    }

    public static Optional<PreflightProblem> check(Path binary, K3sVersion target) {
        Set<K3sVersion> found;
        try (InputStream in = Files.newInputStream(binary)) {
            found = versionsIn(in);
        } catch (IOException e) {
            return Optional.of(new PreflightProblem("k3s.airgap.binary", "cannot read " + binary + ": " + e.getMessage(),
                    "give a readable K3s binary of " + target));
        }
        if (found.contains(target)) {
            return Optional.empty();
        }
        return Optional.of(new PreflightProblem("k3s.airgap.binary", binary + (found.isEmpty()
                ? " holds no K3s version string" : " is K3s " + String.join(", ", found.stream().map(K3sVersion::toString).toList()))
                + ", not the " + target + " k3s.version asks for", "give the binary of the " + target
                + " release (k3s-airgap files come from the same release page), or set k3s.version to the binary's version"));
    }

    /** Every K3s version written in {@code in}'s bytes. */
    static Set<K3sVersion> versionsIn(InputStream in) throws IOException {
        Set<K3sVersion> found = new TreeSet<>();
        byte[] buffer = new byte[CHUNK + OVERLAP];
        int kept = 0;
        int read;
        while ((read = in.readNBytes(buffer, kept, CHUNK)) > 0) {
            int length = kept + read;
            Matcher matcher = VERSION.matcher(new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
            while (matcher.find()) {
                K3sVersion.parse(matcher.group()).ifPresent(found::add);
            }
            kept = Math.min(OVERLAP, length);
            System.arraycopy(buffer, length - kept, buffer, 0, kept);
        }
        return found;
    }
}
