package io.k3j.plan;

import io.k3j.inventory.K3sSettings;
import io.k3j.render.TemplateRenderer;
import java.util.Map;

/** How the K3s binary gets onto a node: the action that says so, per install method. */
final class K3sInstall {
    private final K3sSettings k3s;
    private final TemplateRenderer renderer;

    K3sInstall(K3sSettings k3s, TemplateRenderer renderer) {
        this.k3s = k3s;
        this.renderer = renderer;
    }

    /** The install action for a node running {@code command} (server or agent) on {@code arch}. */
    Action action(String command, String arch) {
        return switch (k3s.install()) {
            case download -> Action.install("download k3s " + k3s.version() + " (" + arch + ") from " + k3s.mirror()
                    + ", check its sha256 against sha256sum-" + arch + ".txt, install as " + Paths.K3S_BINARY,
                    renderer.render("k3s/install-download.sh.ftl",
                            Map.of("mirror", k3s.mirror(), "version", k3s.version(), "arch", arch)));
            case airgap -> {
                K3sSettings.Airgap airgap = k3s.airgap().orElseThrow();
                yield Action.install("upload " + airgap.binary().getFileName() + " as " + Paths.K3S_BINARY + " and "
                        + airgap.images().getFileName() + " into " + Paths.AIRGAP_IMAGES + "/", "");
            }
            case script -> Action.install("run the official install script " + k3s.scriptUrl() + " for k3s " + k3s.version()
                    + " (binary only; k3j-install writes the configuration and unit)",
                    renderer.render("k3s/install-script.sh.ftl",
                            Map.of("scriptUrl", k3s.scriptUrl(), "version", k3s.version(), "command", command)));
        };
    }
}
