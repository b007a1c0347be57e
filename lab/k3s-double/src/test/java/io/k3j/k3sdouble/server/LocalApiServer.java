package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.kine.MemoryStore;
import io.k3j.k3sdouble.nodes.NodeRecord;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.RenewalPolicy;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The double's supervisor and API on this machine's loopback, on a datastore in memory, with two
 * registered nodes: for tests of the API with a real client and no lab.
 */
public final class LocalApiServer implements AutoCloseable {
    private final Supervisor supervisor;
    private final ClusterSecrets secrets;
    private final int port;
    private final NodeRegistry nodes;

    private LocalApiServer(Supervisor supervisor, ClusterSecrets secrets, int port, NodeRegistry nodes) {
        this.supervisor = supervisor;
        this.secrets = secrets;
        this.port = port;
        this.nodes = nodes;
    }

    /** A server whose apiserver runs. */
    public static LocalApiServer start() throws Exception {
        LocalApiServer server = startBeforeTheApiServer();
        server.supervisor.apiServerReady();
        return server;
    }

    /** A server whose supervisor listens while its apiserver does not run yet ({@link #apiServerReady} makes it run). */
    public static LocalApiServer startBeforeTheApiServer() throws Exception {
        Instant now = Instant.now();
        ClusterSecrets secrets = new ClusterSecrets(CertificateAuthority.create("k3s-server-ca", now),
                CertificateAuthority.create("k3s-client-ca", now));
        CertificateAuthority.Issued serving = secrets.serverCa().issueServing("k3s", List.of("localhost"), List.of("127.0.0.1"), now);
        int port = freePort();
        MemoryStore kine = new MemoryStore();
        NodeRegistry nodes = new NodeRegistry(kine);
        nodes.register(new NodeRecord("server1", true, java.util.Map.of(), List.of(), "203.0.113.11", "v1.31.4+k3s1", "6.1.0-test"), now);
        nodes.register(new NodeRecord("worker1", false, java.util.Map.of("disk", "ssd"), List.of(), "203.0.113.21", "v1.31.4+k3s1",
                "6.1.0-test"), now);
        Supervisor supervisor = Supervisor.start(port, secrets, serving, kine, nodes, null, "pw", List.of("pw"), Duration.ofSeconds(40),
                new RenewalPolicy(90, Duration.ZERO), null);
        return new LocalApiServer(supervisor, secrets, port, nodes);
    }

    public void apiServerReady() {
        supervisor.apiServerReady();
    }

    /** The CA the supervisor's serving certificate is signed by. */
    public CertificateAuthority serverCa() {
        return secrets.serverCa();
    }

    public int port() {
        return port;
    }

    public NodeRegistry nodes() {
        return nodes;
    }

    /** A certificate of the client CA for {@code system:admin} in {@code system:masters}, as k3s.yaml embeds. */
    public CertificateAuthority.Issued adminCertificate() {
        return secrets.clientCa().issueClient("system:admin", "system:masters", Instant.now());
    }

    /** An admin kubeconfig for this server (as K3s writes k3s.yaml), pointed at its port. */
    public Path kubeconfig(Path directory) throws IOException {
        Path file = directory.resolve("k3s.yaml");
        KubeconfigFile.write(file, secrets, secrets.clientCa().issueClient("system:admin", "system:masters", Instant.now()), "0600");
        Files.writeString(file, Files.readString(file).replace("https://127.0.0.1:6443", "https://127.0.0.1:" + port));
        return file;
    }

    /** A kubeconfig of another user of the client CA (a node's kubelet: {@code system:node:NAME} in system:nodes). */
    public Path kubeconfigOf(Path directory, String user, String group) throws IOException {
        Path admin = kubeconfig(directory);
        CertificateAuthority.Issued issued = secrets.clientCa().issueClient(user, group, Instant.now());
        String yaml = Files.readString(admin);
        String certificate = java.util.Base64.getEncoder().encodeToString((io.k3j.k3sdouble.pki.Pem.certificate(issued.certificate())
                + io.k3j.k3sdouble.pki.Pem.certificate(secrets.clientCa().certificate())).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        String key = java.util.Base64.getEncoder().encodeToString(io.k3j.k3sdouble.pki.Pem.privateKey(issued.key())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path file = directory.resolve(user.replace(':', '_') + ".yaml");
        Files.writeString(file, yaml.replaceAll("client-certificate-data: .*", "client-certificate-data: " + certificate)
                .replaceAll("client-key-data: .*", "client-key-data: " + key));
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        supervisor.stop();
    }

    /** Runs one until killed, printing its kubeconfig's path: for trying kubectl against the API by hand. */
    public static void main(String[] args) throws Exception {
        LocalApiServer server = start();
        System.out.println(server.kubeconfig(Files.createTempDirectory("k3s-double-api")));
        Thread.currentThread().join();
    }
}
