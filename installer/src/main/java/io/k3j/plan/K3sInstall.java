package io.k3j.plan;

import io.k3j.inventory.K3sSettings;
import io.k3j.render.TemplateRenderer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the K3s binary gets onto a node: the actions that do it, per install method. */
final class K3sInstall {
    private final K3sSettings k3s;
    private final TemplateRenderer renderer;

    K3sInstall(K3sSettings k3s, TemplateRenderer renderer) {
        this.k3s = k3s;
        this.renderer = renderer;
    }

    /**
     * The install actions for a node running {@code command} (server or agent) on {@code arch},
     * whose binary is at {@code installed} now (empty: none yet); a binary at another version reads
     * as the upgrade it is.
     */
    List<Action> actions(String command, String arch, Optional<String> installed) {
        String upgrade = installed.filter(version -> !version.equals(k3s.version()))
                .map(version -> "upgrade k3s " + version + " -> " + k3s.version() + ": ").orElse("");
        return actions(command, arch).stream().map(action -> new Action(action.kind(), upgrade + action.description(), action.operation()))
                .toList();
    }

    /** The role a planner names a host with, with the upgrade it goes through when its binary is at another version. */
    String role(String role, Optional<String> installed) {
        return installed.filter(version -> !version.equals(k3s.version()))
                .map(version -> role + ", upgrade " + version + " -> " + k3s.version()).orElse(role);
    }

    private List<Action> actions(String command, String arch) {
        return switch (k3s.install()) {
            case download -> List.of(Action.install("download k3s " + k3s.version() + " (" + arch + ") from " + k3s.mirror()
                    + ", check its sha256 against sha256sum-" + arch + ".txt, install as " + Paths.K3S_BINARY,
                    script("download", Map.of("mirror", k3s.mirror(), "version", k3s.version(), "arch", arch))));
            case airgap -> {
                K3sSettings.Airgap airgap = k3s.airgap().orElseThrow();
                String images = Paths.AIRGAP_IMAGES + "/" + airgap.images().getFileName();
                yield List.of(
                        Action.install("upload " + airgap.binary().getFileName() + " as " + Paths.K3S_BINARY,
                                new Operation.CopyFromOperator(airgap.binary(), Paths.K3S_BINARY, "0755")),
                        Action.install("upload " + airgap.images().getFileName() + " into " + Paths.AIRGAP_IMAGES + "/",
                                new Operation.CopyFromOperator(airgap.images(), images, "0644")));
            }
            case script -> List.of(Action.install("run the official install script " + k3s.scriptUrl() + " for k3s "
                    + k3s.version() + " (binary only; k3j-install writes the configuration and unit)",
                    script("script", Map.of("scriptUrl", k3s.scriptUrl(), "version", k3s.version(), "command", command))));
        };
    }

    /** The install script of a method and its read-only probe, from the same model. */
    private Operation.Script script(String method, Map<String, ?> model) {
        return new Operation.Script("k3s " + k3s.version(), renderer.render("k3s/install-" + method + ".sh.ftl", model),
                renderer.render("k3s/probe-" + method + ".sh.ftl", model));
    }
}
