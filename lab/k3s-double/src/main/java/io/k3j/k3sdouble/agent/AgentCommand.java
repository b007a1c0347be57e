package io.k3j.k3sdouble.agent;

import io.k3j.k3sdouble.ConfigArgs;
import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.Version;
import io.k3j.k3sdouble.nodes.NodeName;
import io.k3j.k3sdouble.nodes.NodeRecord;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.KeptCertificate;
import io.k3j.k3sdouble.pki.LeafFile;
import io.k3j.k3sdouble.pki.Pem;
import io.k3j.k3sdouble.server.Log;
import io.k3j.k3sdouble.server.SystemdNotify;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code k3s agent}, in the order pkg/agent/run.go and pkg/agent/config/config.go take it: start
 * the client load balancer ({@link AgentLoadBalancer}), through which every later call goes; fetch
 * /cacerts and check it against the token's CA hash (retry every 2 s with K3s' message), get
 * /v1-k3s/config with {@code node:<password>} (retry on 401), the kubelet certificate, the
 * servers' addresses (for the load balancer), then register the node, tell systemd it is ready,
 * and every 10 s post a heartbeat and ask for the servers' addresses again.
 */
public final class AgentCommand {
    private static final Duration CA_RETRY = Duration.ofSeconds(2);
    private static final Duration CONFIG_RETRY = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private static final List<String> KNOWN_FLAGS = List.of("server", "token", "token-file", "node-name", "node-ip", "node-label",
            "node-taint", "data-dir", "config", "kubelet-arg", "with-node-id", "lb-server-port");

    private final Log log;
    private final Map<String, String> environment;

    public AgentCommand(Log log, Map<String, String> environment) {
        this.log = log;
        this.environment = environment;
    }

    public int run(List<String> args) throws InterruptedException {
        Map<String, List<String>> flags = io.k3j.k3sdouble.server.Flags.parse(args);
        for (String flag : flags.keySet()) {
            if (!KNOWN_FLAGS.contains(flag)) {
                System.err.println("Incorrect Usage: flag provided but not defined: -" + flag);
                return 1;
            }
        }
        Path config = Path.of(ConfigArgs.value(flags, "config").orElse(environment.getOrDefault("K3S_CONFIG_FILE", "/etc/rancher/k3s/config.yaml")));
        Map<String, List<String>> settings = ConfigArgs.merge(ConfigArgs.files(config), flags);
        String server = ConfigArgs.value(settings, "server").orElse(environment.get("K3S_URL"));
        String tokenText = ConfigArgs.value(settings, "token").orElse(environment.get("K3S_TOKEN"));
        if (server == null || tokenText == null) {
            log.fatal("Error: " + (server == null ? "--server" : "--token") + " is required");
            return 1;
        }
        Token token = Token.parse(tokenText);
        Path dataDir = Path.of(ConfigArgs.value(settings, "data-dir").orElse("/var/lib/rancher/k3s"));
        try {
            String nodeName = NodeName.of(settings, NodeName.ID_FILE);
            // Every call goes through the client load balancer, as K3s' agent does (pkg/agent/run.go).
            AgentLoadBalancer balancer = AgentLoadBalancer.start(server, lbServerPort(settings), dataDir, log);
            String local = balancer.localUrl();
            String caPem = validatedCa(server, local, token);
            SupervisorClient pinned = SupervisorClient.pinned(caPem, null);
            waitForConfig(pinned, local, token);
            String kubeletPem = kubeletCertificate(pinned, local, token, nodeName, nodePassword());
            keep(dataDir, kubeletPem);
            SupervisorClient asKubelet = SupervisorClient.pinned(caPem, kubeletPem);
            ApiserverAddresses apiservers = new ApiserverAddresses(pinned, local, token.password(), balancer, log);
            apiservers.refresh();
            NodeRecord node = node(settings, nodeName);
            KubeletNodeClient kubelet = new KubeletNodeClient(asKubelet, local);
            kubelet.register(node);
            SystemdNotify.ready(environment);
            log.info("k3s agent is up and running");
            heartbeat(kubelet, node.name(), new ServiceReflector(Version.ofThisBuild(), log), apiservers);
            return 0;
        } catch (IOException e) {
            log.fatal("Error: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The kubelet certificate as K3s' agent keeps it, {@code agent/client-kubelet.crt} (certificate,
     * then the client CA) and {@code .key}: fetched from the server at every start, so the server's
     * lifetime and age apply; {@code k3s certificate check} reads it there.
     */
    private static void keep(Path dataDir, String kubeletPem) throws IOException {
        int key = kubeletPem.indexOf("-----BEGIN PRIVATE KEY-----");
        List<X509Certificate> chain = Pem.readCertificates(kubeletPem.substring(0, key));
        KeptCertificate.write(dataDir, LeafFile.KUBELET, new CertificateAuthority.Issued(chain.get(0),
                Pem.readPrivateKey(kubeletPem.substring(key))), chain.get(chain.size() - 1));
    }

    /** {@code --lb-server-port} (env K3S_LB_SERVER_PORT), 6444 by default (pkg/cli/cmds/agent.go). */
    private int lbServerPort(Map<String, List<String>> settings) {
        return Integer.parseInt(ConfigArgs.value(settings, "lb-server-port").orElse(environment.getOrDefault("K3S_LB_SERVER_PORT", "6444")));
    }

    /** pkg/agent/run.go createProxyAndValidateToken → clientaccess getCACerts / validateCAHash. */
    private String validatedCa(String server, String local, Token token) throws InterruptedException {
        SupervisorClient insecure = SupervisorClient.insecure();
        String prefix = "Failed to validate connection to cluster at " + server + ": ";
        while (true) {
            try {
                String ca = insecure.get(URI.create(local + "/cacerts"), null, null, null, null).body();
                String actual = Token.sha256Hex(ca.getBytes(StandardCharsets.US_ASCII));
                if (token.caHash().isEmpty() || token.caHash().get().equals(actual)) {
                    return ca;
                }
                log.error(prefix + "token CA hash does not match the Cluster CA certificate hash: " + token.caHash().get()
                        + " != " + actual);
            } catch (IOException e) {
                log.error(prefix + "failed to get CA certs: Get \"" + local + "/cacerts\": " + e.getMessage());
            }
            Thread.sleep(CA_RETRY.toMillis());
        }
    }

    private void waitForConfig(SupervisorClient client, String server, Token token) throws InterruptedException {
        while (true) {
            try {
                HttpResponse<String> response = client.get(URI.create(server + "/v1-k3s/config"), "node", token.password(), null, null);
                if (response.statusCode() == 200) {
                    return;
                }
                log.info("Waiting to retrieve agent configuration; server is not ready: failed to retrieve configuration from "
                        + "server: " + (response.statusCode() == 401 ? "not authorized" : "HTTP " + response.statusCode()));
            } catch (IOException e) {
                log.info("Waiting to retrieve agent configuration; server is not ready: " + e.getMessage());
            }
            Thread.sleep(CONFIG_RETRY.toMillis());
        }
    }

    /** /etc/rancher/node/password: made once, kept (pkg/agent/config/config.go ensureNodePassword). */
    private static String nodePassword() throws IOException {
        Path file = Path.of("/etc/rancher/node/password");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Token.randomPassword() + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file).strip();
    }

    /** The kubelet certificate; a 403 (another host has this node name) is retried with K3s' message. */
    private String kubeletCertificate(SupervisorClient client, String server, Token token, String node, String nodePassword)
            throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> response = client.get(URI.create(server + "/v1-k3s/client-kubelet.crt"), "node", token.password(),
                    node, nodePassword);
            if (response.statusCode() == 200) {
                return response.body();
            }
            if (response.statusCode() == 403) {
                log.error("Node password rejected, duplicate hostname or contents of '/etc/rancher/node/password' may not match "
                        + "server node-passwd entry, try enabling a unique node name with the --with-node-id flag");
            } else {
                log.error("Failed to retrieve the kubelet certificate: " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(CONFIG_RETRY.toMillis());
        }
    }

    private NodeRecord node(Map<String, List<String>> settings, String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String label : settings.getOrDefault("node-label", List.of())) {
            String[] keyValue = label.split("=", 2);
            labels.put(keyValue[0], keyValue.length > 1 ? keyValue[1] : "");
        }
        String ip = ConfigArgs.value(settings, "node-ip").orElseGet(AgentCommand::firstAddress);
        return new NodeRecord(name, false, labels, settings.getOrDefault("node-taint", List.of()), ip,
                Version.ofThisBuild().kubeletVersion(), System.getProperty("os.version"));
    }

    /**
     * Every 10 s: the node's heartbeat, the Services listed until a list succeeds, and the apiserver
     * addresses (K3s watches them; the double asks).
     */
    private void heartbeat(KubeletNodeClient kubelet, String name, ServiceReflector services, ApiserverAddresses apiservers)
            throws InterruptedException {
        while (true) {
            services.listUnlessListed(kubelet);
            Thread.sleep(HEARTBEAT.toMillis());
            try {
                kubelet.heartbeat(name);
            } catch (IOException e) {
                log.error("Failed to update node " + name + " status: no server answered: " + e.getMessage());
            }
            apiservers.refresh();
        }
    }

    private static String firstAddress() {
        try {
            return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(network -> java.util.Collections.list(network.getInetAddresses()).stream())
                    .filter(address -> address instanceof java.net.Inet4Address && !address.isLoopbackAddress())
                    .map(InetAddress::getHostAddress).findFirst().orElse("127.0.0.1");
        } catch (IOException e) {
            return "127.0.0.1";
        }
    }
}
