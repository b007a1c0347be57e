package io.k3j.preflight;

import io.k3j.inventory.K3sVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a K3s release's files are on a mirror, as install-download.sh.ftl (and K3s' install.sh)
 * builds them: {@code <mirror>/<version, URL-encoded>/sha256sum-<arch>.txt} and {@code .../k3s<suffix>}
 * (k3s-facts §11: no suffix on amd64, {@code -armhf} on arm, {@code -<arch>} otherwise).
 */
public record ReleaseUrls(String sums, String binary, String binaryName) {

    public static ReleaseUrls of(String mirror, K3sVersion version, String arch) {
        String base = mirror + "/" + URLEncoder.encode(version.toString(), StandardCharsets.UTF_8);
        String name = "k3s" + switch (arch) {
            case "amd64" -> "";
            case "arm" -> "-armhf";
            default -> "-" + arch;
        };
        return new ReleaseUrls(base + "/sha256sum-" + arch + ".txt", base + "/" + name, name);
    }
}
