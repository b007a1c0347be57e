package io.k3j.testing;

import io.k3j.facts.FactsScript;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.plan.Paths;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.Sha256;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts of an inventory with a provisioned PostgreSQL and HAProxy (or an existing datastore and address), taught every command an
 * apply sends them and keeping what it leaves: packages installed, units running, and what K3s
 * writes when a server starts (its token files, from the config.yaml it started with, and
 * k3s.yaml), and the sha256, mode and owner of its files a dry run asks for. Nodes are the servers and agents whose
 * units run, Ready, as K3s keeps them: the drop-in's labels merged in at each start, its taints taken at the first
 * registration only; {@code kubectl label}, {@code taint} and {@code annotate} on the first server change them.
 */
public final class FakeCluster {
    private static final String CA_HASH = "0123456789abcdef".repeat(4);
    private static final List<String> SERVER_ROLES = List.of("control-plane", "master");

    private final Inventory inventory;
    private final Map<String, Set<String>> packages = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> k3s = new ConcurrentHashMap<>();
    /** Each node's labels: every start merges in its drop-in's node-label (K3s never removes one); kubectl label changes them. */
    private final Map<String, Map<String, String>> labels = new ConcurrentHashMap<>();
    /** Each node's taints: its drop-in's node-taint at the first registration only; kubectl taint changes them. */
    private final Map<String, List<String>> taints = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> annotations = new ConcurrentHashMap<>();
    /** The nodes deleted with kubectl (a removed host's), by name; K3s would delete the node password secret with each. */
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    /** What kubectl was asked to do to nodes, in order ("drain node-…", "delete node-…"). */
    private final List<String> kubectl = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** When each host's leaf certificates expire, as {@code k3s certificate check} reports them; a year after the epoch of the test unless set. */
    private final Map<String, Instant> certificatesExpire = new ConcurrentHashMap<>();
    /** Each load balancer's HAProxy, by address. */
    private final Map<String, FakeHaproxy> haproxies = new ConcurrentHashMap<>();
    /** Whether the facts name the K3s binary of a host whose K3s started (off by default: the apply tests plan hosts as new). */
    private final AtomicBoolean reportK3sVersions = new AtomicBoolean();

    public FakeCluster(Inventory inventory, FakeHosts fakes) {
        this.inventory = inventory;
        inventory.allHosts().forEach(roled -> facts(fakes.host(roled.host().address()), roled.host()));
        inventory.allHosts().forEach(roled -> teachSha256(fakes.host(roled.host().address())));
        inventory.allHosts().forEach(roled -> teachStat(fakes.host(roled.host().address())));
        // An existing datastore is no host of the inventory: nothing to teach.
        inventory.datastore().provision().map(provision -> fakes.host(provision.first().address())).ifPresent(datastore -> {
            teachPackages(datastore);
            FakeSystemd.teach(datastore, "postgresql", false);
            datastore.on("set up the role and database", FakeHost.script("psql"), FakeHost.ok());
        });
        for (Host server : inventory.servers().hosts()) {
            FakeHost host = fakes.host(server.address());
            k3s.put(server.address(), FakeSystemd.teach(host, "k3s", false));
            teachLinks(host);
            teachCertificateCheck(host, server.address(), true);
            host.on("restart k3s", FakeHost.script("systemctl restart --no-block k3s\\z"), sent -> {
                k3s.get(server.address()).set(true);
                writeTokens(host);
                register(server.address(), host);
                return FakeHost.ok();
            });
            // Every server answers the nodes (a restarted one is read on itself) and the apiserver's readiness through the address.
            host.on("get nodes", FakeHost.command("\\Ak3s kubectl get nodes -o json\\z"), sent -> FakeHost.ok(nodesJson()))
                    .on("get a node", FakeHost.command("\\Ak3s kubectl get node '[^']+' --ignore-not-found -o json\\z"),
                            sent -> FakeHost.ok(nodeJson(sent.command().split("'")[1])))
                    .on("readyz through the registration address", FakeHost.script("get --raw /readyz"), FakeHost.ok());
        }
        FakeHost first = fakes.host(inventory.servers().hosts().get(0).address());
        Pattern nodeCommand = Pattern.compile("\\Ak3s kubectl (drain|delete node) '([^']+)'");
        first.on("set node labels", FakeHost.script("\\Aset -e\nk3s kubectl annotate node "), sent -> kubectl(sent.stdin()))
                .on("drain or delete a node", FakeHost.script(nodeCommand.pattern()), sent -> {
                    Matcher command = nodeCommand.matcher(sent.stdin());
                    command.find();
                    kubectl.add((command.group(1).equals("drain") ? "drain " : "delete ") + command.group(2));
                    if (command.group(1).equals("delete node")) {
                        deleted.add(command.group(2));
                    }
                    return FakeHost.ok();
                })
                .on("check the registration address", FakeHost.script("/cacerts"), FakeHost.ok());
        for (Host balancer : inventory.registration().haproxy().map(haproxy -> haproxy.hosts()).orElse(List.of())) {
            teachPackages(fakes.host(balancer.address()));
            AtomicBoolean running = FakeSystemd.teach(fakes.host(balancer.address()), "haproxy", false);
            haproxies.put(balancer.address(), FakeHaproxy.teach(fakes.host(balancer.address()), inventory.servers().hosts().stream()
                    .map(server -> server.name().orElse(server.address().replace('.', '-'))).toList(), running::get));
        }
        for (Host worker : inventory.workers().hosts()) {
            FakeHost host = fakes.host(worker.address());
            k3s.put(worker.address(), FakeSystemd.teach(host, "k3s-agent", false));
            teachLinks(host);
            teachUninstall(host, worker, "k3s-agent");
            teachCertificateCheck(host, worker.address(), false);
            host.on("restart k3s-agent", FakeHost.script("systemctl restart --no-block k3s-agent\\z"), sent -> {
                k3s.get(worker.address()).set(true);
                register(worker.address(), host);
                return FakeHost.ok();
            });
        }
    }

    /** The HAProxy of the load balancer at {@code address}. */
    public FakeHaproxy haproxy(String address) {
        return haproxies.get(address);
    }

    /** A label someone else set on the host's node (kubectl label by hand). */
    public void labelByHand(String address, String key, String value) {
        labels.get(address).put(key, value);
    }

    /** From now on the facts of a host whose K3s started name its binary's version (the inventory's), as on a real host. */
    public void reportK3sVersions() {
        reportK3sVersions.set(true);
    }

    /** From now on the host's K3s reports its leaf certificates as expiring at {@code notAfter}. */
    public void certificatesExpireAt(String address, Instant notAfter) {
        certificatesExpire.put(address, notAfter);
    }

    public static String nodeName(Host host) {
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
                        + "postgresql_major=15\npackages=" + String.join(" ", packages.getOrDefault(host.name(), Set.of())) + "\n"
                        + (reportK3sVersions.get() && k3s.containsKey(inventoryHost.address()) && k3s.get(inventoryHost.address()).get()
                        ? "k3s_version=" + inventory.k3s().version() + "\n" : "")));
    }

    /**
     * {@code k3s --version} and {@code k3s certificate check} as the K3s double prints them (a server's admin and serving
     * certificates, an agent's kubelet certificate, each with its CA), or no K3s on a host that never started it.
     */
    private void teachCertificateCheck(FakeHost host, String address, boolean server) {
        host.on("read the certificates", FakeHost.script(" certificate check 2>&1\n"), sent -> {
            if (!k3s.get(address).get()) {
                return FakeHost.ok("k3j: no k3s\n");
            }
            String expires = certificatesExpire.getOrDefault(address, Instant.parse("2031-01-01T00:00:00Z")).toString();
            StringBuilder out = new StringBuilder("k3s version " + inventory.k3s().version() + " (a3f8e3a6)\n");
            out.append(line("info", (server ? "Server detected, checking agent and server" : "Agent detected, checking agent") + " certificates"));
            for (String leaf : server ? List.of("client-admin.crt: certificate system:admin (ClientAuth)",
                    "serving-kube-apiserver.crt: certificate k3s (ServerAuth)") : List.of("client-kubelet.crt: certificate system:node:"
                    + address + " (ClientAuth)")) {
                out.append(line("info", leaf + " is ok, expires at " + expires));
                out.append(line("info", leaf.split(":")[0] + ": certificate k3s-client-ca@1 (CertSign) is ok, expires at 2035-01-01T00:00:00Z"));
            }
            return FakeHost.ok(out.append("k3j: certificate check exited 0\n").toString());
        });
    }

    private static String line(String level, String message) {
        return "time=\"2026-12-02T05:00:00Z\" level=" + level + " msg=\"" + message + "\"\n";
    }

    /** A dry run's look at an uploaded file: its sha256 as sha256sum prints it, nothing for a file the host lacks. */
    private static void teachSha256(FakeHost host) {
        Pattern sum = Pattern.compile("\\Asha256sum -- '([^']+)' 2>/dev/null \\|\\| true\\z");
        host.on("sha256 of a file", FakeHost.script(sum.pattern()), sent -> {
            Matcher path = sum.matcher(sent.stdin());
            if (!path.find()) {
                throw new AssertionError("a sha256sum of no path: " + sent.stdin());
            }
            return FakeHost.ok(host.file(path.group(1)).map(file -> Sha256.of(file.bytes()) + "  " + path.group(1) + "\n").orElse(""));
        });
    }

    /** A dry run's look at a file's mode and owner, as {@code stat -c '%a %U:%G'} prints them. */
    private static void teachStat(FakeHost host) {
        Pattern stat = Pattern.compile("\\Astat -c '%a %U:%G' -- '([^']+)'\\z");
        host.on("stat of a file", FakeHost.script(stat.pattern()), sent -> {
            Matcher path = stat.matcher(sent.stdin());
            if (!path.find()) {
                throw new AssertionError("a stat of no path: " + sent.stdin());
            }
            return host.file(path.group(1)).map(file -> FakeHost.ok(file.mode().replaceFirst("^0+(?=.)", "") + " " + file.owner() + "\n"))
                    .orElseGet(() -> FakeHost.exit(1, "stat: cannot statx '" + path.group(1) + "': No such file or directory"));
        });
    }

    /** What kubectl was asked to do to nodes, in order: "drain NODE", "delete NODE". */
    public List<String> kubectlOnNodes() {
        return List.copyOf(kubectl);
    }

    /** Whether K3s is left on the host (its unit, binary, data), and its uninstall script, which takes it all away. */
    private void teachUninstall(FakeHost host, Host inventoryHost, String unit) {
        host.on("is K3s left", FakeHost.script("\\A\\[ -e '/etc/systemd/system/" + unit + ".service' \\]"),
                        sent -> k3s.get(inventoryHost.address()).get() ? FakeHost.ok() : FakeHost.exit(1, ""))
                .on("uninstall " + unit, FakeHost.script("\\Asystemctl disable --now '" + unit + "'"), sent -> {
                    k3s.get(inventoryHost.address()).set(false);
                    return FakeHost.ok();
                });
    }

    /** install.sh's kubectl/crictl/ctr links: made by the first run (no such command on the fake's PATH), there after it. */
    private static void teachLinks(FakeHost host) {
        AtomicBoolean linked = new AtomicBoolean();
        host.on("probe the links", FakeHost.script("echo \"link \\$bin/\\$cmd to k3s\""),
                        sent -> FakeHost.ok(linked.get() ? "" : "link /usr/local/bin/kubectl to k3s\nk3j: changed\n"))
                .on("make the links", FakeHost.script("ln -sf k3s"), sent -> FakeHost.ok(linked.getAndSet(true) ? ""
                        : "linked /usr/local/bin/kubectl to k3s\nk3j: changed\n"));
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

    /** A start: the drop-in's labels merged over the node's, its taints only when the node first registers. */
    private void register(String address, FakeHost host) {
        String dropIn = host.file(Paths.K3S_NODE_CONFIG).map(FakeHost.File::text).orElse("");
        labels.computeIfAbsent(address, any -> new ConcurrentHashMap<>());
        list(dropIn, "node-label").forEach(label -> labels.get(address).put(label.split("=", 2)[0], label.split("=", 2)[1]));
        taints.computeIfAbsent(address, any -> new ArrayList<>(list(dropIn, "node-taint")));
        annotations.computeIfAbsent(address, any -> new ConcurrentHashMap<>());
    }

    /** A YAML list of quoted strings under {@code key}, as the templates write it. */
    private static List<String> list(String yaml, String key) {
        Matcher block = Pattern.compile("(?m)^" + key + ":\n((?:  - \".*\"\n)*)").matcher(yaml);
        List<String> found = new ArrayList<>();
        if (block.find()) {
            Matcher item = Pattern.compile("  - \"([^\"]*)\"").matcher(block.group(1));
            while (item.find()) {
                found.add(item.group(1));
            }
        }
        return found;
    }

    /** The script k3j-install sends to set a node's labels: each line {@code k3s kubectl VERB node 'N' --overwrite 'arg'…}. */
    private ExecResult kubectl(String script) {
        for (String line : script.lines().skip(1).toList()) {
            List<String> words = new ArrayList<>();
            Matcher quoted = Pattern.compile("'([^']*)'").matcher(line);
            while (quoted.find()) {
                words.add(quoted.group(1));
            }
            String address = addressOf(words.get(0));
            for (String arg : words.subList(1, words.size())) {
                if (line.startsWith("k3s kubectl label ")) {
                    edit(labels.get(address), arg);
                } else if (line.startsWith("k3s kubectl annotate ")) {
                    edit(annotations.get(address), arg);
                } else if (line.startsWith("k3s kubectl taint ")) {
                    String identity = arg.replaceAll("=[^:]*", "").replaceAll("-$", "");
                    taints.get(address).removeIf(taint -> taint.replaceAll("=[^:]*", "").equals(identity));
                    if (!arg.endsWith("-")) {
                        taints.get(address).add(arg);
                    }
                } else {
                    throw new AssertionError("an unknown kubectl line: " + line);
                }
            }
        }
        return FakeHost.ok();
    }

    private static void edit(Map<String, String> map, String arg) {
        if (arg.endsWith("-")) {
            map.remove(arg.substring(0, arg.length() - 1));
        } else {
            map.put(arg.split("=", 2)[0], arg.split("=", 2)[1]);
        }
    }

    private String addressOf(String nodeName) {
        return inventory.allHosts().stream().map(Inventory.RoledHost::host).filter(host -> nodeName(host).equals(nodeName))
                .findFirst().orElseThrow(() -> new AssertionError("no node " + nodeName)).address();
    }

    /** {@code kubectl get node NAME --ignore-not-found -o json}: the Node, or nothing for one not running. */
    private String nodeJson(String name) {
        return inventory.allHosts().stream().map(Inventory.RoledHost::host).filter(host -> nodeName(host).equals(name))
                .filter(this::running).findFirst()
                .map(host -> node(host, inventory.servers().hosts().contains(host) ? SERVER_ROLES : List.of()).replaceFirst("\\A\\{",
                        "{\"kind\": \"Node\", "))
                .orElse("");
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

    /** A node stays registered once its K3s ran (NotReady when stopped) until it is deleted, as in K3s. */
    private boolean running(Host host) {
        return labels.containsKey(host.address()) && !deleted.contains(nodeName(host));
    }

    private String node(Host host, List<String> roles) {
        List<String> all = new ArrayList<>(roles.stream().map(role -> "\"node-role.kubernetes.io/" + role + "\": \"true\"").toList());
        labels.getOrDefault(host.address(), Map.of()).forEach((key, value) -> all.add("\"" + key + "\": \"" + value + "\""));
        List<String> notes = new ArrayList<>();
        annotations.getOrDefault(host.address(), Map.of()).forEach((key, value) -> notes.add("\"" + key + "\": \"" + value + "\""));
        List<String> spec = new ArrayList<>();
        for (String taint : taints.getOrDefault(host.address(), List.of())) {
            Matcher parts = Pattern.compile("([^=:]+)(?:=([^:]*))?:(\\w+)").matcher(taint);
            if (!parts.matches()) {
                throw new AssertionError("a taint that is not key[=value]:Effect: " + taint);
            }
            spec.add("{\"key\": \"" + parts.group(1) + "\", " + (parts.group(2) == null ? "" : "\"value\": \"" + parts.group(2) + "\", ")
                    + "\"effect\": \"" + parts.group(3) + "\"}");
        }
        return "{\"metadata\": {\"name\": \"" + nodeName(host) + "\", \"labels\": {" + String.join(", ", all) + "}, "
                + "\"annotations\": {" + String.join(", ", notes) + "}}, \"spec\": {\"taints\": [" + String.join(", ", spec) + "]}, "
                + "\"status\": {\"conditions\": [{\"type\": \"Ready\", \"status\": \"" + (k3s.get(host.address()).get() ? "True" : "False")
                + "\"}], "
                + "\"nodeInfo\": {\"kubeletVersion\": \"" + inventory.k3s().version() + "\"}}}";
    }
}
