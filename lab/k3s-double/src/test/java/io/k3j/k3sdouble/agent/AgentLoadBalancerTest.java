package io.k3j.k3sdouble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.server.Log;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client load balancer on loopback sockets: saved state, failover on a dial error, learned addresses saved. */
class AgentLoadBalancerTest {
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final Log log = new Log(new PrintStream(logged, true, StandardCharsets.UTF_8));

    @Test
    void dialsTheServerThatAnsweredLastThenTheOthersThenTheDefault() {
        assertThat(AgentLoadBalancer.dialOrder(null, List.of("a:6443", "b:6443"), "lb:6443")).containsExactly("a:6443", "b:6443", "lb:6443");
        assertThat(AgentLoadBalancer.dialOrder("b:6443", List.of("a:6443", "b:6443"), "lb:6443")).containsExactly("b:6443", "a:6443", "lb:6443");
        assertThat(AgentLoadBalancer.dialOrder("gone:6443", List.of("a:6443"), "lb:6443")).containsExactly("a:6443", "lb:6443");
    }

    @Test
    void startsFromTheSavedAddressesAndReachesALiveServerWhenTheDefaultIsDown(@TempDir Path dataDir) throws Exception {
        int deadPort = freePort();
        String serverUrl = "https://127.0.0.1:" + deadPort;
        try (ServerSocket live = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String liveAddress = "127.0.0.1:" + live.getLocalPort();
            new LoadBalancerState(serverUrl, List.of("127.0.0.1:" + freePort(), liveAddress)).write(dataDir);

            AgentLoadBalancer balancer = AgentLoadBalancer.start(serverUrl, 0, dataDir, log);

            assertThat(echoThrough(balancer, live)).isEqualTo("ping");
            assertThat(logged.toString(StandardCharsets.UTF_8)).contains("msg=\"Running load balancer k3s-agent-load-balancer 127.0.0.1:")
                    .contains(liveAddress + "] [default: 127.0.0.1:" + deadPort + "]");
        }
    }

    @Test
    void anotherServerUrlStartsFromTheDefaultAndOverwritesTheState(@TempDir Path dataDir) throws Exception {
        new LoadBalancerState("https://old.example.com:6443", List.of("198.51.100.11:6443")).write(dataDir);
        try (ServerSocket live = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String serverUrl = "https://127.0.0.1:" + live.getLocalPort();

            AgentLoadBalancer balancer = AgentLoadBalancer.start(serverUrl, 0, dataDir, log);

            assertThat(LoadBalancerState.read(dataDir)).contains(new LoadBalancerState(serverUrl, List.of()));
            assertThat(echoThrough(balancer, live)).isEqualTo("ping");
        }
    }

    @Test
    void learnedAddressesAreSavedAndLoggedOnlyWhenTheyChange(@TempDir Path dataDir) throws Exception {
        AgentLoadBalancer balancer = AgentLoadBalancer.start("https://lb.example.com:6443", 0, dataDir, log);

        balancer.update(List.of("198.51.100.11:6443", "198.51.100.12:6443"));
        balancer.update(List.of("198.51.100.12:6443", "198.51.100.11:6443"));
        balancer.update(List.of());

        assertThat(LoadBalancerState.read(dataDir)).contains(new LoadBalancerState("https://lb.example.com:6443",
                List.of("198.51.100.11:6443", "198.51.100.12:6443")));
        assertThat(logged.toString(StandardCharsets.UTF_8).split("Updated load balancer", -1)).hasSize(2);
        assertThat(logged.toString(StandardCharsets.UTF_8)).contains("msg=\"Updated load balancer k3s-agent-load-balancer server "
                + "addresses -> [198.51.100.11:6443 198.51.100.12:6443] [default: lb.example.com:6443]\"");
    }

    /** Sends "ping" through the balancer; the backend {@code server} answers what it read. */
    private static String echoThrough(AgentLoadBalancer balancer, ServerSocket server) throws Exception {
        int port = java.net.URI.create(balancer.localUrl()).getPort();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
            client.shutdownOutput();
            try (Socket accepted = server.accept()) {
                byte[] received = accepted.getInputStream().readAllBytes();
                accepted.getOutputStream().write(received);
            }
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
