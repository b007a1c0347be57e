package io.k3j.apply;

import io.k3j.facts.HostFacts;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.K3sSettings;
import io.k3j.inventory.K3sVersion;
import io.k3j.preflight.AirgapRelease;
import io.k3j.preflight.MirrorAnswer;
import io.k3j.preflight.PreflightProblem;
import io.k3j.preflight.ReleaseUrls;
import io.k3j.render.TemplateRenderer;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before any host changes: is the target release there for the nodes that will install it? Asked
 * where the install takes it from: for a download, from each node whose binary is not the target
 * yet, through its own curl to the mirror (its proxy, DNS and firewall are the download's), so a
 * release missing from the mirror stops the run instead of the first server's install; for an
 * air-gap install, of the binary on this machine. The script method is left to the official script.
 */
public final class TargetRelease {
    private static final String PROBE = "k3s/probe-release.sh.ftl";

    private TargetRelease() {
    }

    public static List<PreflightProblem> check(Inventory inventory, K3sVersion target, ConnectedHosts hosts, WaveRunner runner)
            throws InterruptedException {
        List<String> installing = installing(inventory, target, hosts);
        if (installing.isEmpty()) {
            return List.of();
        }
        K3sSettings k3s = inventory.k3s();
        return switch (k3s.install()) {
            case download -> onMirror(k3s.mirror(), target, installing, hosts, runner);
            case airgap -> AirgapRelease.check(k3s.airgap().orElseThrow().binary(), target).stream().toList();
            case script -> List.of();
        };
    }

    /** The nodes whose binary is missing or not the target: the ones that will fetch it. */
    private static List<String> installing(Inventory inventory, K3sVersion target, ConnectedHosts hosts) {
        return inventory.allHosts().stream()
                .filter(roled -> roled.role() == Role.SERVER || roled.role() == Role.WORKER)
                .map(roled -> roled.host().address()).distinct()
                .filter(address -> !hosts.facts(address).k3sVersion().equals(Optional.of(target.toString())))
                .toList();
    }

    private static List<PreflightProblem> onMirror(String mirror, K3sVersion target, List<String> installing, ConnectedHosts hosts,
                                                   WaveRunner runner) throws InterruptedException {
        TemplateRenderer renderer = new TemplateRenderer();
        List<PreflightProblem> problems = new ArrayList<>();
        for (WaveRunner.HostOutcome<List<PreflightProblem>> outcome : runner.run(installing, address -> {
            HostFacts facts = hosts.facts(address);
            // A host without a K3s architecture is refused by the preflight already.
            return facts.k3sArch().map(arch -> ask(address, ReleaseUrls.of(mirror, target, arch), target, hosts, renderer))
                    .orElse(List.of());
        })) {
            if (outcome.failed()) {
                problems.add(new PreflightProblem(outcome.host(), "the mirror check could not run: " + outcome.failure().getMessage(),
                        "check the connection to the host and run again"));
            } else {
                problems.addAll(outcome.result());
            }
        }
        return problems;
    }

    private static List<PreflightProblem> ask(String address, ReleaseUrls urls, K3sVersion target, ConnectedHosts hosts,
                                              TemplateRenderer renderer) {
        String script = renderer.render(PROBE, Map.of("sumsUrl", urls.sums(), "binaryUrl", urls.binary(), "binaryName", urls.binaryName()));
        ExecResult result = hosts.host(address).run(RemoteCommand.asRoot("sh -s").withStdin(script.getBytes(StandardCharsets.UTF_8)));
        return MirrorAnswer.problems(address, target, urls, result.stdout());
    }
}
