package io.k3j.apply;

import io.k3j.facts.FactsScript;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Paths;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The hosts of an inventory with a provisioned PostgreSQL and HAProxy, taught every command an
 * apply sends them and keeping what it leaves: packages installed, units running, and what K3s
 * writes when a server starts (its token files, from the config.yaml it started with, and
 * k3s.yaml). Nodes are the servers and agents whose units run, Ready, as the inventory labels them.
 */
final class FakeCluster {
    private static final String CA_HASH = "0123456789abcdef".repeat(4);
    private static final List<String> SERVER_ROLES = List.of("control-plane", "master");

    private final Inventory inventory;
    private final Map<String, Set<String>> packages = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> k3s = new ConcurrentHashMap<>();

    FakeCluster(Inventory inventory, FakeHosts fakes) {
        this.inventory = inventory;
        inventory.allHosts().forEach(roled -> facts(fakes.host(roled.host().address()), roled.host()));
        Host db = inventory.datastore().provision().orElseThrow().host();
        FakeHost datastore = fakes.host(db.address());
        teachPackages(datastore);
        FakeSystemd.teach(datastore, "postgresql", false);
        datastore.on("set up the role and database", FakeHost.script("psql"), FakeHost.ok());
        for (Host server : inventory.servers().hosts()) {
            FakeHost host = fakes.host(server.address());
            k3s.put(server.address(), FakeSystemd.teach(host, "k3s", false));
            host.on("restart k3s", FakeHost.script("systemctl restart --no-block k3s\\z"), sent -> {
                k3s.get(server.address()).set(true);
                writeTokens(host);
                return FakeHost.ok();
            });
        }
        FakeHost first = fakes.host(inventory.servers().hosts().get(0).address());
        first.on("get nodes", FakeHost.command("\\Ak3s kubectl get nodes -o json\\z"), sent -> FakeHost.ok(nodesJson()))
                .on("check the registration address", FakeHost.script("/cacerts"), FakeHost.ok());
        for (Host balancer : inventory.registration().haproxy().orElseThrow().hosts()) {
            teachPackages(fakes.host(balancer.address()));
            FakeSystemd.teach(fakes.host(balancer.address()), "haproxy", false);
        }
        for (Host worker : inventory.workers().hosts()) {
            k3s.put(worker.address(), FakeSystemd.teach(fakes.host(worker.address()), "k3s-agent", false));
        }
    }

    static String nodeName(Host host) {
        return "node-" + host.address().replace('.', '-');
    }

    /**
     * The facts script answered from what the host has now: a second connect sees the packages the
     * first apply installed. The hostname is in capitals: K3s names the node in lower case.
     */
    private void facts(FakeHost host, Host inventoryHost) {
        host.on("gather facts", sent -> sent.command().equals("sh -s") && sent.stdin().equals(FactsScript.text()), sent -> FakeHost.ok(
                "os=debian\nos_pretty=Debian GNU/Linux 12 (bookworm)\narch=x86_64\nhostname=" + nodeName(inventoryHost).toUpperCase(java.util.Locale.ROOT) + "\n"
                        + "init=systemd\nsystemd_state=running\naddresses=" + inventoryHost.address() + "\n"
                        + "postgresql_major=15\npackages=" + String.join(" ", packages.getOrDefault(host.name(), Set.of())) + "\n"));
    }

    private void teachPackages(FakeHost host) {
        Pattern install = Pattern.compile("apt-get install -y -q --no-install-recommends ([^|]+) \\|\\|");
        host.on("install packages", FakeHost.script("apt-get install"), sent -> {
            Matcher names = install.matcher(sent.stdin());
            if (!names.find()) {
                throw new AssertionError("an apt-get install of no package names: " + sent.stdin());
            }
            packages.computeIfAbsent(host.name(), any -> ConcurrentHashMap.newKeySet()).addAll(List.of(names.group(1).split(" ")));
            return FakeHost.ok();
        });
    }

    /** As K3s does on start: the token files for the passwords of its config.yaml, and the kubeconfig. */
    private static void writeTokens(FakeHost host) {
        String config = host.file(Paths.K3S_CONFIG).orElseThrow().text();
        host.put(Paths.SERVER_TOKEN, "K10" + CA_HASH + "::server:" + value(config, "token").orElseThrow() + "\n");
        value(config, "agent-token").ifPresent(agent -> host.put(Paths.AGENT_TOKEN, "K10" + CA_HASH + "::node:" + agent + "\n"));
        host.put(Paths.KUBECONFIG, """
                apiVersion: v1
                clusters:
                - cluster: {certificate-authority-data: Q0E=, server: 'https://127.0.0.1:6443'}
                  name: default
                contexts:
                - context: {cluster: default, user: default}
                  name: default
                current-context: default
                kind: Config
                users:
                - name: default
                  user: {client-certificate-data: Q0VSVA==, client-key-data: S0VZ}
                """);
    }

    private static Optional<String> value(String config, String key) {
        Matcher matcher = Pattern.compile("^" + key + ": \"([^\"]*)\"$", Pattern.MULTILINE).matcher(config);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private String nodesJson() {
        List<String> items = new ArrayList<>();
        inventory.servers().hosts().stream().filter(this::running).forEach(server -> items.add(node(server, SERVER_ROLES)));
        inventory.workers().hosts().stream().filter(this::running).forEach(worker -> items.add(node(worker, List.of())));
        return "{\"apiVersion\": \"v1\", \"kind\": \"NodeList\", \"items\": [" + String.join(", ", items) + "]}";
    }

    private boolean running(Host host) {
        return k3s.get(host.address()).get();
    }

    private static String node(Host host, List<String> roles) {
        String labels = roles.stream().map(role -> "\"node-role.kubernetes.io/" + role + "\": \"true\"").collect(Collectors.joining(", "));
        return "{\"metadata\": {\"name\": \"" + nodeName(host) + "\", \"labels\": {" + labels + "}}, "
                + "\"status\": {\"conditions\": [{\"type\": \"Ready\", \"status\": \"True\"}]}}";
    }
}
