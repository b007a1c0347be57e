package io.k3j.inventory;

import io.k3j.datastore.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the inventory's YAML tree into the model, section by section, collecting every problem. */
final class InventoryReader {
    private static final Set<String> ROOT_KEYS = YamlMap.keys("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> METADATA_KEYS = YamlMap.keys("name");
    private static final Set<String> SPEC_KEYS = YamlMap.keys("ssh", "k3s", "datastore", "servers", "registration", "workers");
    private static final Set<String> SSH_KEYS = YamlMap.keys(
            "user", "port", "keyPath", "keyPassphrase", "knownHosts", "sudo", "sudoPassword", "bastion");
    private static final Set<String> K3S_KEYS = YamlMap.keys(
            "version", "install", "mirror", "scriptUrl", "airgap", "token", "agentToken", "serverConfig", "agentConfig");
    private static final Set<String> AIRGAP_KEYS = YamlMap.keys("binary", "images");
    private static final Set<String> DATASTORE_KEYS = YamlMap.keys("type", "endpoint", "tls", "provision");
    private static final Set<String> TLS_KEYS = YamlMap.keys("caFile", "certFile", "keyFile");
    private static final Set<String> PROVISION_KEYS = YamlMap.keys("host", "hosts", "database", "user", "password", "tls");
    private static final Set<String> SERVERS_KEYS = YamlMap.keys("dedicatedControlPlane", "controlPlaneTaint", "hosts");
    private static final Set<String> REGISTRATION_KEYS = YamlMap.keys("address", "port", "mode", "haproxy");
    private static final Set<String> HAPROXY_KEYS = YamlMap.keys("hosts", "vip", "interface");
    private static final Set<String> WORKERS_KEYS = YamlMap.keys("hosts");

    /** config.yaml keys k3j-install writes itself: set them through the inventory, not serverConfig/agentConfig. */
    private static final Map<String, String> OWNED_CONFIG_KEYS = Map.of(
            "token", "spec.k3s.token",
            "agent-token", "spec.k3s.agentToken",
            "datastore-endpoint", "spec.datastore.endpoint",
            "server", "spec.registration.address",
            "node-name", "the host's 'name'",
            "node-ip", "the host's 'nodeIp'",
            "node-label", "the host's 'labels'",
            "node-taint", "the host's 'taints' (or spec.servers.dedicatedControlPlane)");

    private final Path file;
    private final Problems problems;
    private final HostReader hostReader;
    private final SecretResolver secrets;

    InventoryReader(Path file, Problems problems, SecretResolver secrets) {
        this.file = file;
        this.problems = problems;
        this.hostReader = new HostReader(problems);
        this.secrets = secrets;
    }

    /** The model when every section could be read; validity is decided by the caller from the problems. */
    Optional<Inventory> read(Node root) {
        Optional<YamlMap> top = YamlMap.of(root, "", problems, ROOT_KEYS);
        if (top.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = top.get();
        map.requiredString("apiVersion", Inventory.API_VERSION).filter(version -> !version.equals(Inventory.API_VERSION))
                .ifPresent(version -> problems.add(map.positionOf("apiVersion"), "apiVersion",
                        "unsupported version " + Shown.value(version) + "; this k3j-install reads " + Inventory.API_VERSION));
        map.requiredString("kind", Inventory.KIND).filter(kind -> !kind.equals(Inventory.KIND))
                .ifPresent(kind -> problems.add(map.positionOf("kind"), "kind", "must be " + Inventory.KIND + ", found " + Shown.value(kind)));
        Optional<String> name = metadataName(map);
        Optional<YamlMap> spec = required(map, "spec", SPEC_KEYS, "the cluster's specification");
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        SshSettings ssh = ssh(spec.get());
        Optional<K3sSettings> k3s = required(spec.get(), "k3s", K3S_KEYS, "at least the K3s version").flatMap(this::k3s);
        Optional<Datastore> datastore = required(spec.get(), "datastore", DATASTORE_KEYS, "the external datastore (step 1)")
                .flatMap(this::datastore);
        Optional<Servers> servers = required(spec.get(), "servers", SERVERS_KEYS, "two or more K3s servers (step 2)")
                .map(this::servers);
        Optional<Registration> registration = required(spec.get(), "registration", REGISTRATION_KEYS,
                "the fixed registration address (step 3)").flatMap(this::registration);
        Workers workers = new Workers(spec.get().map("workers", WORKERS_KEYS)
                .map(section -> hostReader.hosts(section, "hosts")).orElse(List.of()));
        if (name.isEmpty() || k3s.isEmpty() || datastore.isEmpty() || servers.isEmpty() || registration.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Inventory(file, name.get(), ssh, k3s.get(), datastore.get(), servers.get(), registration.get(), workers));
    }

    private Optional<String> metadataName(YamlMap root) {
        Optional<YamlMap> metadata = required(root, "metadata", METADATA_KEYS, "the cluster's name");
        Optional<String> name = metadata.flatMap(map -> map.requiredString("name", "the cluster's name (a DNS label)"));
        metadata.ifPresent(map -> name.flatMap(Syntax::clusterName)
                .ifPresent(problem -> problems.add(map.positionOf("name"), map.child("name"), problem)));
        return name;
    }

    private Optional<YamlMap> required(YamlMap parent, String key, Set<String> keys, String what) {
        if (!parent.has(key)) {
            problems.add(parent.positionOf(key), parent.child(key), "required: " + what);
            return Optional.empty();
        }
        return parent.map(key, keys);
    }

    private SshSettings ssh(YamlMap spec) {
        Optional<YamlMap> section = spec.map("ssh", SSH_KEYS);
        if (section.isEmpty()) {
            return new SshSettings(SshSettings.DEFAULT_USER, SshSettings.DEFAULT_PORT, Optional.empty(), Optional.empty(),
                    SshSettings.DEFAULT_KNOWN_HOSTS, Optional.empty(), Optional.empty(), Optional.empty());
        }
        YamlMap ssh = section.get();
        return new SshSettings(
                ssh.string("user", SshSettings.DEFAULT_USER),
                ssh.integer("port", 1, 65535).orElse(SshSettings.DEFAULT_PORT),
                ssh.string("keyPath"),
                secret(ssh, "keyPassphrase"),
                ssh.string("knownHosts", SshSettings.DEFAULT_KNOWN_HOSTS),
                ssh.bool("sudo"),
                sudoPassword(ssh),
                hostReader.bastion(ssh));
    }

    /** sudo reads its password as one line: a line break would end it there and pass the rest to the command. */
    private Optional<SecretValue> sudoPassword(YamlMap ssh) {
        Optional<SecretValue> password = secret(ssh, "sudoPassword");
        password.filter(value -> value.references().stream().allMatch(reference -> secrets.problem(reference).isEmpty()))
                .filter(value -> secrets.resolve(value).chars().anyMatch(c -> c == '\n' || c == '\r'))
                .ifPresent(value -> problems.add(ssh.positionOf("sudoPassword"), ssh.child("sudoPassword"),
                        "the sudo password holds a line break: sudo reads one line, so the rest would reach the command; "
                                + "give sudo a password of one line"));
        return password;
    }

    private Optional<K3sSettings> k3s(YamlMap k3s) {
        Optional<String> version = k3s.requiredString("version", "the K3s release to install, such as v1.31.4+k3s1");
        version.flatMap(Syntax::k3sVersion).ifPresent(problem -> problems.add(k3s.positionOf("version"), k3s.child("version"), problem));
        K3sSettings.InstallMethod install = choice(k3s, "install", K3sSettings.InstallMethod.class, K3sSettings.InstallMethod.download);
        Optional<K3sSettings.Airgap> airgap = k3s.map("airgap", AIRGAP_KEYS).flatMap(this::airgap);
        if (install == K3sSettings.InstallMethod.airgap && !k3s.has("airgap")) {
            problems.add(k3s.positionOf("install"), k3s.child("airgap"),
                    "required with install: airgap: the K3s binary and images to upload, {binary: PATH, images: PATH}");
        }
        Map<String, Object> serverConfig = passThrough(k3s, "serverConfig");
        checkTlsSans(k3s, serverConfig.get("tls-san"));
        Map<String, Object> agentConfig = passThrough(k3s, "agentConfig");
        String mirror = downloadUrl(k3s, "mirror", K3sSettings.DEFAULT_MIRROR, true,
                install == K3sSettings.InstallMethod.download, "anyone on the network path can change the binary and its checksum alike");
        String scriptUrl = downloadUrl(k3s, "scriptUrl", K3sSettings.DEFAULT_SCRIPT_URL, false,
                install == K3sSettings.InstallMethod.script, "anyone on the network path can change the script, which runs as root");
        Optional<SecretValue> token = secret(k3s, "token");
        Optional<SecretValue> agentToken = secret(k3s, "agentToken");
        if (token.isPresent() && agentToken.isPresent() && resolves(token.get()) && resolves(agentToken.get())
                && secrets.resolve(token.get()).equals(secrets.resolve(agentToken.get()))) {
            problems.add(k3s.positionOf("agentToken"), k3s.child("agentToken"), "the same as token: every agent would then hold "
                    + "the server token, which joins servers too; leave agentToken out (one is generated) or give agents their own");
        }
        return version.map(value -> new K3sSettings(value, install, mirror, scriptUrl, airgap, token, agentToken, serverConfig,
                agentConfig));
    }

    private boolean resolves(SecretValue value) {
        return value.references().stream().allMatch(reference -> secrets.problem(reference).isEmpty());
    }

    private Optional<K3sSettings.Airgap> airgap(YamlMap airgap) {
        Optional<Path> binary = existingFile(airgap, "binary", "the k3s binary for the hosts' architecture");
        Optional<Path> images = existingFile(airgap, "images", "the k3s-airgap-images-<arch>.tar(.zst|.gz) file");
        return binary.flatMap(b -> images.map(i -> new K3sSettings.Airgap(b, i)));
    }

    private Map<String, Object> passThrough(YamlMap k3s, String key) {
        Map<String, Object> settings = k3s.passThrough(key);
        settings.keySet().stream().filter(OWNED_CONFIG_KEYS::containsKey).forEach(owned ->
                problems.add(k3s.positionOf(key), k3s.child(key) + "." + owned,
                        "k3j-install writes '" + owned + "' itself; set it with " + OWNED_CONFIG_KEYS.get(owned)));
        return settings;
    }

    /** k3j-install adds the registration address to serverConfig's tls-san, so it reads it: names and addresses only. */
    private void checkTlsSans(YamlMap k3s, Object sans) {
        boolean names = sans == null || sans instanceof String
                || (sans instanceof List<?> list && list.stream().allMatch(String.class::isInstance));
        if (!names) {
            Position at = k3s.node("serverConfig").filter(MappingNode.class::isInstance)
                    .flatMap(config -> ((MappingNode) config).getValue().stream()
                            .filter(tuple -> tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("tls-san"))
                            .map(tuple -> Position.of(tuple.getValueNode().getStartMark())).findFirst())
                    .orElse(k3s.positionOf("serverConfig"));
            problems.add(at, k3s.child("serverConfig") + ".tls-san",
                    "a DNS name or an IP address, or a list of them; k3j-install adds the registration address to it");
        }
    }

    private Optional<Datastore> datastore(YamlMap datastore) {
        Optional<Datastore.Type> type = datastore.requiredString("type", "postgres, mysql or etcd")
                .flatMap(text -> enumValue(datastore, "type", Datastore.Type.class, text));
        Optional<SecretValue> endpoint = secret(datastore, "endpoint");
        Optional<Datastore.Tls> tls = datastore.map("tls", TLS_KEYS).flatMap(this::tls);
        Optional<Datastore.Provision> provision = datastore.map("provision", PROVISION_KEYS)
                .flatMap(section -> provision(section, type));
        if (endpoint.isPresent() == datastore.has("provision")) {
            problems.add(datastore.position(), datastore.path(), endpoint.isPresent()
                    ? "give either endpoint (an existing datastore) or provision (k3j-install sets one up), not both"
                    : "required: endpoint (an existing datastore) or provision (k3j-install sets one up)");
        }
        if (datastore.has("tls") && datastore.has("provision")) {
            problems.add(datastore.positionOf("tls"), datastore.child("tls"), "tls names the files of an existing datastore; "
                    + "for one k3j-install sets up, set provision.tls: true and it makes the certificates");
        }
        if (type.isPresent() && endpoint.isPresent() && endpoint.get().malformedReferences().isEmpty()) {
            checkEndpoint(datastore, type.get(), endpoint.get());
        }
        return type.map(value -> new Datastore(value, endpoint, tls, provision));
    }

    private void checkEndpoint(YamlMap datastore, Datastore.Type type, SecretValue endpoint) {
        Position at = datastore.positionOf("endpoint");
        String path = datastore.child("endpoint");
        try {
            // References stand for secrets (passwords): give them a harmless value to check the shape.
            Endpoint parsed = Endpoint.parse(SecretValue.REFERENCE.matcher(endpoint.template()).replaceAll("x"));
            Datastore.Type found = Datastore.Type.valueOf(parsed.type().name().toLowerCase(Locale.ROOT));
            if (found != type) {
                problems.add(at, path, "a " + found + " endpoint, but type is " + type + "; " + expectedEndpoint(type));
            }
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            problems.add(at, path, reason.contains("must") ? reason : reason + "; " + expectedEndpoint(type));
        }
    }

    private static String expectedEndpoint(Datastore.Type type) {
        return switch (type) {
            case postgres -> "expected postgres://user:password@host:5432/database";
            case mysql -> "expected mysql://user:password@tcp(host:3306)/database";
            case etcd -> "expected https://host:2379, several separated by commas";
        };
    }

    private Optional<Datastore.Tls> tls(YamlMap tls) {
        Optional<Path> ca = existingFile(tls, "caFile", "the CA certificate that signed the datastore's certificate");
        Optional<Path> cert = tls.has("certFile") ? existingFile(tls, "certFile", "") : Optional.empty();
        Optional<Path> key = tls.has("keyFile") ? existingFile(tls, "keyFile", "") : Optional.empty();
        if (tls.has("certFile") != tls.has("keyFile")) {
            problems.add(tls.position(), tls.path(), "certFile and keyFile go together: a client certificate needs its key");
        }
        return ca.map(path -> new Datastore.Tls(path, cert, key));
    }

    private Optional<Datastore.Provision> provision(YamlMap provision, Optional<Datastore.Type> type) {
        List<Host> hosts = provisionHosts(provision, type);
        if (type.orElse(null) == Datastore.Type.etcd) {
            for (String sqlOnly : List.of("database", "user", "password")) {
                if (provision.has(sqlOnly)) {
                    problems.add(provision.positionOf(sqlOnly), provision.child(sqlOnly), "etcd has no " + sqlOnly + "; remove it");
                }
            }
        }
        String database = sqlName(provision, "database", Datastore.Provision.DEFAULT_DATABASE);
        String user = sqlName(provision, "user", Datastore.Provision.DEFAULT_USER);
        Optional<SecretValue> password = secret(provision, "password");
        password.ifPresent(value -> printablePassword(provision, value));
        return hosts.isEmpty() ? Optional.empty() : Optional.of(new Datastore.Provision(hosts, database, user, password,
                provision.bool("tls").orElse(false), Optional.empty()));
    }

    /**
     * {@code host}, one datastore host, or {@code hosts}, the members of an etcd cluster: an odd
     * number, three or more, as a cluster of N members stays writable with a majority up, so a
     * fourth member adds no tolerance to three (etcd's FAQ, "Why an odd number of cluster members?").
     */
    private List<Host> provisionHosts(YamlMap provision, Optional<Datastore.Type> type) {
        if (provision.has("host") == provision.has("hosts")) {
            problems.add(provision.position(), provision.child("host"), provision.has("host")
                    ? "give host (one datastore host) or hosts (the members of an etcd cluster), not both"
                    : "required: host, the host to set the datastore up on, {address: ...}; or, for etcd, hosts, three or five members");
        }
        if (provision.has("host")) {
            return provision.node("host").flatMap(node -> hostReader.host(node, provision.child("host"))).stream().toList();
        }
        List<YamlMap.Item> items = provision.list("hosts");
        if (!provision.has("hosts") || !provision.isList("hosts")) {
            return List.of();
        }
        if (type.isPresent() && type.get() != Datastore.Type.etcd) {
            problems.add(provision.positionOf("hosts"), provision.child("hosts"), "several hosts make an etcd cluster; a "
                    + type.get() + " datastore is set up on one host (give host): its replication is not built yet");
        } else if (items.size() < 3 || items.size() % 2 == 0) {
            problems.add(provision.positionOf("hosts"), provision.child("hosts"), "an etcd cluster needs an odd number of members, "
                    + "three or more, found " + items.size() + ": it stays writable while a majority is up, so three survive one "
                    + "down and five two, and an even count adds no tolerance (etcd FAQ); one host goes in provision.host");
        }
        return hostReader.hosts(items);
    }

    /** The password goes into SQL and the endpoint: a control character (a newline) cannot, and is refused here. */
    private void printablePassword(YamlMap provision, SecretValue password) {
        boolean resolvable = password.references().stream().allMatch(reference -> secrets.problem(reference).isEmpty());
        if (resolvable && secrets.resolve(password).chars().anyMatch(Character::isISOControl)) {
            problems.add(provision.positionOf("password"), provision.child("password"), "holds a control character (such as "
                    + "a newline or a tab), which the datastore's SQL and the servers' endpoint cannot carry; use printable characters");
        }
    }

    private String sqlName(YamlMap map, String key, String defaultValue) {
        String name = map.string(key, defaultValue);
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            problems.add(map.positionOf(key), map.child(key),
                    Shown.value(name) + " is not a plain SQL name: lower-case letters, digits and '_', at most 63");
        }
        return name;
    }

    private Servers servers(YamlMap servers) {
        String taint = servers.string("controlPlaneTaint", Servers.DEFAULT_TAINT);
        Syntax.taint(taint).ifPresent(problem -> problems.add(servers.positionOf("controlPlaneTaint"),
                servers.child("controlPlaneTaint"), problem));
        if (!servers.has("hosts")) {
            problems.add(servers.position(), servers.child("hosts"), "required: the server hosts, two or more");
        }
        List<YamlMap.Item> items = servers.list("hosts");
        if (servers.isList("hosts") && items.size() < 2) {
            problems.add(servers.positionOf("hosts"), servers.child("hosts"), "an HA cluster needs two or more servers, found "
                    + (items.isEmpty() ? "none" : "one") + ": with one server the control plane stops when that host does "
                    + "(K3s HA guide, datastore/ha.md)");
        }
        return new Servers(servers.bool("dedicatedControlPlane").orElse(false), taint, hostReader.hosts(items));
    }

    private Optional<Registration> registration(YamlMap registration) {
        Optional<String> address = registration.requiredString("address",
                "the fixed registration address (a load balancer, DNS name or virtual IP) in front of the servers");
        address.flatMap(Syntax::address).ifPresent(problem ->
                problems.add(registration.positionOf("address"), registration.child("address"), problem));
        int port = registration.integer("port", 1, 65535).orElse(Registration.DEFAULT_PORT);
        Registration.Mode mode = choice(registration, "mode", Registration.Mode.class, Registration.Mode.existing);
        Optional<Registration.Haproxy> haproxy = registration.map("haproxy", HAPROXY_KEYS).map(section -> {
            Optional<String> vip = section.string("vip");
            vip.filter(ip -> !Syntax.isIp(ip)).ifPresent(ip -> problems.add(section.positionOf("vip"), section.child("vip"),
                    Shown.value(ip) + " is not an IP address: a virtual IP is an address keepalived moves between hosts"));
            String vipInterface = section.string("interface", Registration.Haproxy.DEFAULT_INTERFACE);
            Syntax.interfaceName(vipInterface).ifPresent(problem ->
                    problems.add(section.positionOf("interface"), section.child("interface"), problem));
            return new Registration.Haproxy(hostReader.hosts(section, "hosts"), vip, vipInterface);
        });
        address.ifPresent(value -> checkRegistrationMode(registration, value, mode, haproxy));
        return address.map(value -> new Registration(value, port, mode, haproxy));
    }

    private void checkRegistrationMode(YamlMap registration, String address, Registration.Mode mode,
                                       Optional<Registration.Haproxy> haproxy) {
        Position modeAt = registration.positionOf("mode");
        switch (mode) {
            case haproxy -> {
                if (haproxy.map(section -> section.hosts().isEmpty()).orElse(true)) {
                    problems.add(modeAt, registration.child("haproxy.hosts"),
                            "required with mode: haproxy: the hosts k3j-install sets HAProxy up on");
                }
                haproxy.flatMap(Registration.Haproxy::vip)
                        .filter(vip -> Syntax.isIp(vip) && Syntax.isIp(address) && !vip.equals(address))
                        .ifPresent(vip -> problems.add(registration.positionOf("address"), registration.child("address"),
                                "differs from the virtual IP " + vip + "; with a VIP the registration address is the VIP "
                                        + "(or a name that resolves to it)"));
            }
            case dns -> {
                if (Syntax.isIp(address)) {
                    problems.add(registration.positionOf("address"), registration.child("address"), "mode dns needs a DNS "
                            + "name that resolves to every server (round-robin), found the IP " + address);
                }
            }
            case existing -> {
                // reachable through the address: checked from the hosts before anything changes
            }
        }
        if (mode != Registration.Mode.haproxy && haproxy.isPresent()) {
            problems.add(registration.positionOf("haproxy"), registration.child("haproxy"),
                    "only used with mode: haproxy (mode is " + mode + ")");
        }
    }

    private Optional<SecretValue> secret(YamlMap map, String key) {
        Optional<SecretValue> value = wellFormedSecret(map, key);
        value.ifPresent(secret -> secret.references().forEach(reference -> secrets.problem(reference)
                .ifPresentOrElse(problem -> problems.add(map.positionOf(key), map.child(key), problem),
                        () -> secrets.exposure(reference).ifPresent(why -> problems.warn(map.positionOf(key), map.child(key), why)))));
        return value;
    }

    /** The secret as written, its mistyped references ({@code ${bogus:...}}) reported. */
    private Optional<SecretValue> wellFormedSecret(YamlMap map, String key) {
        Optional<SecretValue> value = map.string(key).map(SecretValue::new);
        value.ifPresent(secret -> secret.malformedReferences()
                .forEach(problem -> problems.add(map.positionOf(key), map.child(key), problem)));
        return value;
    }

    private Optional<Path> existingFile(YamlMap map, String key, String what) {
        Optional<String> text = what.isEmpty() ? map.string(key) : map.requiredString(key, what);
        return text.flatMap(value -> {
            Path resolved = resolve(value);
            if (!Files.isRegularFile(resolved)) {
                problems.add(map.positionOf(key), map.child(key), "file " + resolved + " does not exist");
                return Optional.empty();
            }
            return Optional.of(resolved);
        });
    }

    private Path resolve(String path) {
        return InventoryPaths.resolve(path, InventoryPaths.folderOf(file));
    }

    /** A URL the hosts download from; {@code http://} is allowed with a warning when {@code used}, saying {@code risk}. */
    private String downloadUrl(YamlMap map, String key, String defaultValue, boolean base, boolean used, String risk) {
        String url = map.string(key, defaultValue).replaceAll("/+$", "");
        Optional<String> problem = DownloadUrl.problem(url, base);
        problem.ifPresent(reason -> problems.add(map.positionOf(key), map.child(key), reason));
        if (problem.isEmpty() && used && DownloadUrl.isPlainHttp(url)) {
            problems.warn(map.positionOf(key), map.child(key), "plain http://: " + risk + "; use https://");
        }
        return url;
    }

    private <E extends Enum<E>> E choice(YamlMap map, String key, Class<E> type, E defaultValue) {
        return map.string(key).flatMap(text -> enumValue(map, key, type, text)).orElse(defaultValue);
    }

    private <E extends Enum<E>> Optional<E> enumValue(YamlMap map, String key, Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return Optional.of(constant);
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        String hint = Spelling.closest(text, Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())
                .map(near -> " (did you mean '" + near + "'?)").orElse("");
        problems.add(map.positionOf(key), map.child(key), Shown.value(text) + " is not allowed" + hint + "; one of: " + allowed);
        return Optional.empty();
    }
}
