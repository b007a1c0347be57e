package io.k3j.plan;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Registration;
import io.k3j.render.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Step 3: the fixed registration address. An existing one (a load balancer, a DNS name) is only
 * checked; with mode haproxy, HAProxy (and keepalived for a VIP) is set up on the named hosts.
 */
final class RegistrationPlanner {
    private final Inventory inventory;
    private final TemplateRenderer renderer;
    private final HostKnowledge knowledge;

    RegistrationPlanner(PlanContext context) {
        this.inventory = context.inventory();
        this.renderer = context.renderer();
        this.knowledge = context.knowledge();
    }

    StepPlan plan() {
        Registration registration = inventory.registration();
        String check = "check that " + registration.url() + " answers as K3s (/ping, /cacerts) and reaches every server";
        return switch (registration.mode()) {
            case existing -> new StepPlan(Step.REGISTRATION, "existing address " + registration.address(),
                    List.of(List.of(new HostPlan(registration.address(), "existing address", List.of(registrationCheck(check))))));
            case dns -> new StepPlan(Step.REGISTRATION, "round-robin DNS name " + registration.address(),
                    List.of(List.of(new HostPlan(registration.address(), "DNS name", List.of(
                            Action.check("check that " + registration.address() + " resolves to every server's address",
                                    new Operation.ResolvesTo(registration.address(), serverIps(), firstServer())),
                            registrationCheck(check))))));
            case haproxy -> haproxy(registration, check);
        };
    }

    private StepPlan haproxy(Registration registration, String check) {
        Registration.Haproxy haproxy = registration.haproxy().orElseThrow();
        List<HostPlan> hosts = new ArrayList<>();
        for (int i = 0; i < haproxy.hosts().size(); i++) {
            hosts.add(hostPlan(haproxy, i, check));
        }
        String summary = "HAProxy on " + haproxy.hosts().size() + " host" + (haproxy.hosts().size() == 1 ? "" : "s")
                + haproxy.vip().map(vip -> ", keepalived holding " + vip).orElse("");
        return new StepPlan(Step.REGISTRATION, summary, List.of(hosts));
    }

    private HostPlan hostPlan(Registration.Haproxy haproxy, int index, String check) {
        Host host = haproxy.hosts().get(index);
        boolean vip = haproxy.vip().isPresent();
        List<Action> actions = new ArrayList<>();
        // netcat-openbsd: its nc -U is how apply speaks to HAProxy's runtime socket (HaproxyRuntime); a minimal host may lack it.
        actions.add(Action.install("install haproxy" + (vip ? ", keepalived" : "") + " and netcat-openbsd (Debian/Ubuntu packages)",
                new Operation.Packages(vip ? List.of("haproxy", "keepalived", "netcat-openbsd") : List.of("haproxy", "netcat-openbsd"))));
        actions.add(Action.write(ManagedFile.readable(Paths.HAPROXY_CONFIG, renderer.render("haproxy/haproxy.cfg.ftl", haproxyModel()))));
        if (vip) {
            actions.add(Action.write(ManagedFile.rootOnly(Paths.KEEPALIVED_CONFIG,
                    renderer.render("keepalived/keepalived.conf.ftl", keepalivedModel(haproxy, index)))));
        }
        actions.add(Action.start(vip ? "(re)start haproxy and keepalived when their configuration changed"
                : "(re)start haproxy when its configuration changed",
                new Operation.Services(vip ? List.of("haproxy", "keepalived") : List.of("haproxy"),
                        new Operation.Listening(inventory.registration().port()))));
        actions.add(Action.rollout("put back in rotation any server a run cut short left drained in this HAProxy "
                        + "(set ready through its runtime API; a server not drained is left as it is)",
                new Operation.ServersInRotation(HaproxyBackend.NAME,
                        inventory.servers().hosts().stream().map(HaproxyBackend::serverName).toList())));
        actions.add(registrationCheck(check));
        return new HostPlan(host.address(), vip && index == 0 ? "load balancer, VIP holder" : "load balancer", actions);
    }

    private Action registrationCheck(String description) {
        Registration registration = inventory.registration();
        return Action.check(description, new Operation.RegistrationAnswers(registration.url(), registration.port(), firstServer()));
    }

    /** Where the registration is checked from: the first server, on K3s' own path to it. */
    private String firstServer() {
        return inventory.servers().hosts().get(0).address();
    }

    private List<String> serverIps() {
        return inventory.servers().hosts().stream().map(knowledge::ip).toList();
    }

    private Map<String, Object> haproxyModel() {
        List<Map<String, Object>> servers = new ArrayList<>();
        for (Host server : inventory.servers().hosts()) {
            servers.add(Map.of("name", HaproxyBackend.serverName(server), "address", knowledge.ip(server)));
        }
        return Map.of("cluster", inventory.name(), "port", inventory.registration().port(), "bind", "*", "backend", HaproxyBackend.NAME,
                "servers", servers);
    }

    private Map<String, Object> keepalivedModel(Registration.Haproxy haproxy, int index) {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < haproxy.hosts().size(); i++) {
            if (i != index) {
                peers.add(knowledge.ip(haproxy.hosts().get(i)));
            }
        }
        byte[] digest = sha256(inventory.name());
        Map<String, Object> model = new HashMap<>();
        model.put("cluster", inventory.name());
        model.put("vip", haproxy.vip().orElseThrow());
        model.put("interface", haproxy.vipInterface());
        // The router id must be the same on every host of the cluster and differ between clusters on one network.
        model.put("routerId", 1 + Byte.toUnsignedInt(digest[0]) % 254);
        model.put("priority", 150 - index);
        model.put("state", index == 0 ? "MASTER" : "BACKUP");
        model.put("authPass", HexFormat.of().formatHex(digest, 1, 5));
        model.put("peers", peers);
        return model;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
