package io.k3j.inventory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** {@code spec.k3s}: which K3s, how it is installed, the token, and settings passed through. */
public record K3sSettings(
        String version,
        InstallMethod install,
        String mirror,
        String scriptUrl,
        Optional<Airgap> airgap,
        Optional<SecretValue> token,
        Optional<SecretValue> agentToken,
        Map<String, Object> serverConfig,
        Map<String, Object> agentConfig) {

    public static final String DEFAULT_MIRROR = "https://github.com/k3s-io/k3s/releases/download";
    public static final String DEFAULT_SCRIPT_URL = "https://get.k3s.io";

    public enum InstallMethod { download, airgap, script }

    /** The files an air-gapped install uploads from the operator's machine. */
    public record Airgap(Path binary, Path images) {
    }
}
