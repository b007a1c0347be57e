package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.BootstrapCipher;
import io.k3j.k3sdouble.ConfigArgs;
import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.Version;
import io.k3j.k3sdouble.kine.KeyValueStore;
import io.k3j.k3sdouble.nodes.NodeName;
import io.k3j.k3sdouble.nodes.NodeRecord;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.RenewalPolicy;
import java.io.IOException;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code k3s server} with an external datastore: settings from flags, config.yaml and K3S_*
 * variables; the datastore (kine's table); the bootstrap data shared through it and bound to the
 * token; the token files; the supervisor on 6443 over TLS; READY=1 to systemd, as
 * pkg/cli/server/server.go does once the API server runs.
 */
public final class ServerCommand {
    static final int SUPERVISOR_PORT = 6443;
    private static final List<String> KNOWN_FLAGS = List.of("token", "datastore-endpoint", "datastore-cafile",
            "datastore-certfile", "datastore-keyfile", "tls-san", "node-name", "node-ip", "node-label", "node-taint",
            "data-dir", "write-kubeconfig-mode", "disable", "agent-token", "config", "kube-apiserver-arg",
            "kubelet-arg", "cluster-cidr", "service-cidr", "flannel-backend", "with-node-id");

    private final Log log;
    private final Map<String, String> environment;

    public ServerCommand(Log log, Map<String, String> environment) {
        this.log = log;
        this.environment = environment;
    }

    public int run(List<String> args) throws InterruptedException {
        Map<String, List<String>> flags = Flags.parse(args);
        for (String flag : flags.keySet()) {
            if (!KNOWN_FLAGS.contains(flag)) {
                System.err.println("Incorrect Usage: flag provided but not defined: -" + flag);
                return 1;
            }
        }
        Path config = Path.of(ConfigArgs.value(flags, "config").orElse(environment.getOrDefault("K3S_CONFIG_FILE", "/etc/rancher/k3s/config.yaml")));
        Map<String, List<String>> settings = ConfigArgs.merge(ConfigArgs.files(config), flags);
        warnUnknown(settings);
        String endpoint = setting(settings, "datastore-endpoint", "K3S_DATASTORE_ENDPOINT");
        if (endpoint == null) {
            log.fatal("the K3s double needs an external datastore: set datastore-endpoint (embedded etcd and sqlite are not copied)");
            return 1;
        }
        String tokenText = setting(settings, "token", "K3S_TOKEN");
        String password = tokenText == null ? Token.randomPassword() : Token.parse(tokenText).password();
        // --agent-token: a second secret that joins agents only (k3s-facts §2; docs.k3s.io cli/token).
        Optional<String> agentPassword = Optional.ofNullable(setting(settings, "agent-token", "K3S_AGENT_TOKEN"))
                .map(agentToken -> Token.parse(agentToken).password());
        Path dataDir = Path.of(ConfigArgs.value(settings, "data-dir").orElse("/var/lib/rancher/k3s"));
        RenewalPolicy certificates;
        try {
            certificates = RenewalPolicy.of(Version.ofThisBuild().version(), environment);
        } catch (IllegalArgumentException e) {
            log.fatal("Error: " + e.getMessage());
            return 1;
        }
        try {
            DatastoreTls tls = DatastoreTls.from(settings, environment);
            KeyValueStore kine = endpoint.startsWith("http://") || endpoint.startsWith("https://")
                    ? new DatastoreConnector(log).connectEtcd(etcdEndpoints(endpoint), tls)
                    : new DatastoreConnector(log).connect(SqlEndpoint.parse(endpoint).withTls(tls));
            BootstrapStore bootstrap = new BootstrapStore(kine, log);
            ClusterSecrets secrets = bootstrap.loadOrCreate(password);
            TokenFiles.write(dataDir, secrets.serverCa(), password, agentPassword);
            CertificateAuthority.Issued serving = ServerCertificates.serving(dataDir, secrets, certificates, dnsNames(settings),
                    addresses(settings), Instant.now());
            NodeRegistry nodes = new NodeRegistry(kine);
            Supervisor supervisor = Supervisor.start(SUPERVISOR_PORT, secrets, serving, kine, nodes, new NodePasswords(kine), password,
                    agentPassword.map(agent -> List.of(password, agent)).orElse(List.of(password)), nodeGracePeriod(), certificates,
                    new TokenRotation(bootstrap, dataDir, secrets.serverCa(), password, agentPassword));
            // K3s' apiserver takes a while after the supervisor listens; until then its paths answer 503.
            log.info("Waiting for API server to become available");
            Thread.sleep(startupDelay().toMillis());
            supervisor.apiServerReady();
            log.info("Kube API server is now running");
            KubeconfigFile.write(Path.of("/etc/rancher/k3s/k3s.yaml"), secrets, ServerCertificates.admin(dataDir, secrets, certificates,
                    Instant.now()),
                    ConfigArgs.value(settings, "write-kubeconfig-mode").orElse(environment.getOrDefault("K3S_KUBECONFIG_MODE", "0600")));
            new Heartbeat(nodes, thisNode(settings), log).start();
            SystemdNotify.ready(environment);
            log.info("k3s is up and running");
        } catch (BootstrapCipher.WrongTokenException e) {
            log.fatal("Error: preparing server: failed to bootstrap cluster data: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            log.fatal("Error: preparing server: creating storage endpoint: failed to create driver for configured endpoint: "
                    + e.getMessage());
            return 1;
        } catch (SQLException | IOException e) {
            log.fatal("Error: " + e.getMessage());
            return 1;
        }
        new CountDownLatch(1).await();
        return 0;
    }

    /** Comma-separated etcd URLs, passed through as K3s does with an etcd endpoint. */
    private static List<java.net.URI> etcdEndpoints(String endpoint) {
        return java.util.Arrays.stream(endpoint.split(",")).map(String::trim).map(java.net.URI::create).toList();
    }

    /** This server as a node: its {@link NodeName}, node-label, node-taint, node-ip or its first address. */
    private static NodeRecord thisNode(Map<String, List<String>> settings) throws IOException {
        String name = NodeName.of(settings, NodeName.ID_FILE);
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (String label : settings.getOrDefault("node-label", List.of())) {
            String[] keyValue = label.split("=", 2);
            labels.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
        }
        String ip = ConfigArgs.value(settings, "node-ip").orElseGet(() -> addresses(Map.of()).stream()
                .filter(address -> !address.equals("127.0.0.1") && !address.equals("::1") && !address.equals("10.43.0.1")
                        && !address.contains(":"))
                .findFirst().orElse("127.0.0.1"));
        return new NodeRecord(name, true, labels, settings.getOrDefault("node-taint", List.of()), ip,
                Version.ofThisBuild().kubeletVersion(), System.getProperty("os.version"));
    }

    /** The real K3s warns about config keys it does not know and skips them (configfilearg stripInvalidFlags). */
    private void warnUnknown(Map<String, List<String>> settings) {
        settings.keySet().stream().filter(key -> !KNOWN_FLAGS.contains(key))
                .forEach(key -> log.warn("Unknown flag --" + key + " found in config.yaml, skipping"));
    }

    /** A setting from flags or config files, else its K3S_* variable (which ranks below the file). */
    private String setting(Map<String, List<String>> settings, String name, String variable) {
        return ConfigArgs.value(settings, name).orElse(environment.get(variable));
    }


    /** How long a node may miss heartbeats before it is NotReady; K3S_DOUBLE_NODE_GRACE_SECONDS shortens it for tests. */
    private Duration nodeGracePeriod() {
        String seconds = environment.get("K3S_DOUBLE_NODE_GRACE_SECONDS");
        return seconds == null ? NodeRecord.GRACE_PERIOD : Duration.ofSeconds(Long.parseLong(seconds));
    }

    private Duration startupDelay() {
        return Duration.ofSeconds(Long.parseLong(environment.getOrDefault("K3S_DOUBLE_STARTUP_DELAY", "15")));
    }

    private static List<String> dnsNames(Map<String, List<String>> settings) {
        List<String> names = new ArrayList<>(List.of("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local"));
        names.add(NodeName.hostname());
        settings.getOrDefault("tls-san", List.of()).stream().filter(san -> !CertificateAuthority.isIp(san)).forEach(names::add);
        return names;
    }

    private static List<String> addresses(Map<String, List<String>> settings) {
        List<String> addresses = new ArrayList<>(List.of("127.0.0.1", "::1", "10.43.0.1"));
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                Collections.list(network.getInetAddresses()).stream().filter(address -> !address.isLinkLocalAddress())
                        .map(address -> address.getHostAddress().replaceAll("%.*", "")).forEach(addresses::add);
            }
        } catch (IOException e) {
            // the loopback addresses are there already
        }
        settings.getOrDefault("tls-san", List.of()).stream().filter(CertificateAuthority::isIp).forEach(addresses::add);
        return addresses.stream().distinct().toList();
    }
}
