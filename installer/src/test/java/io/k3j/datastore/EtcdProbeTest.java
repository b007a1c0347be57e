package io.k3j.datastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The etcd check over plain http against a loopback stand-in; TLS is tested on the lab's etcd (ExistingEtcdTlsOnLabIT). */
class EtcdProbeTest {
    private static final Endpoint.HostPort ETCD = new Endpoint.HostPort("http", "etcd.example.com", 2379);

    @Test
    void aHealthyMemberPasses() throws IOException {
        ProbeResult result = probeAgainst("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"health\":\"true\",\"reason\":\"\"}");

        assertThat(result.ok()).as(result.detail()).isTrue();
        assertThat(result.detail()).isEqualTo("etcd at etcd.example.com:2379 answers and is healthy");
    }

    @Test
    void aMemberWithoutLeaderIsAProblemWithWhatItSaid() throws IOException {
        ProbeResult result = probeAgainst("HTTP/1.1 503 Service Unavailable\r\n\r\n{\"health\":\"false\",\"reason\":\"RAFT NO LEADER\"}");

        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).contains("not healthy").contains("503").contains("RAFT NO LEADER");
        assertThat(result.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("etcdctl endpoint health"));
    }

    @Test
    void aConnectionClosedAtOnceMeansNothingListensBehindTheTunnel() throws IOException {
        ProbeResult result = probeAgainst("");

        assertThat(result.ok()).isFalse();
        assertThat(result.detail()).contains("does not answer from this host");
    }

    /** Serves one connection: reads the request, answers {@code response}, closes. */
    private static ProbeResult probeAgainst(String response) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> answer(server, response));
            ProbeResult result = new EtcdProbe().check(ETCD, Optional.empty(), (InetSocketAddress) server.getLocalSocketAddress());
            if (!response.isEmpty()) {
                assertThat(request.join()).startsWith("GET /health HTTP/1.1\r\nHost: etcd.example.com:2379\r\n");
            }
            return result;
        }
    }

    private static String answer(ServerSocket server, String response) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            StringBuilder request = new StringBuilder();
            while (!request.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                request.append((char) next);
            }
            socket.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
            return request.toString();
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        }
    }
}
