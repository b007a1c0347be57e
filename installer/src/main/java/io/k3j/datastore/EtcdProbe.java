package io.k3j.datastore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * Checks an etcd datastore the way K3s will reach it: over TLS with the inventory's CA and
 * client certificate when the endpoint is https (the CA must have signed etcd's certificate, the
 * certificate must name the host, etcd must accept the client certificate), then asks etcd's
 * {@code /health}. Connects to {@code via}, an SSH tunnel through a server host, so the check takes
 * K3s' path; TLS names are checked against the endpoint's own host, not the tunnel's.
 */
public final class EtcdProbe {
    private static final int TIMEOUT_MILLIS = 10_000;

    public ProbeResult check(Endpoint.HostPort server, Optional<TlsFiles> tls, InetSocketAddress via) {
        String where = "etcd at " + server.host() + ":" + server.port();
        try (Socket plain = new Socket()) {
            plain.connect(via, TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            Socket socket = server.scheme().equals("https") ? secured(plain, server, tls.orElse(new TlsFiles(Optional.empty(),
                    Optional.empty(), Optional.empty()))) : plain;
            String response = get(socket, server, "/health");
            if (response.isEmpty()) {
                return ProbeResult.problem(where + " does not answer from this host (the connection closed at once)",
                        "check that etcd runs and listens on that address, and no firewall is in the way");
            }
            if (!response.startsWith("HTTP/1.1 200") || !response.contains("\"health\":\"true\"")) {
                return ProbeResult.problem(where + " answers but is not healthy: " + firstLineAndBody(response),
                        "check the etcd members (etcdctl endpoint health): a member needs a leader to serve K3s");
            }
            return ProbeResult.fine(where + " answers " + (socket instanceof SSLSocket ? "over TLS with the given certificates "
                    : "") + "and is healthy");
        } catch (SSLException e) {
            return TlsFailure.etcd(where).handshake(e);
        } catch (IOException e) {
            return ProbeResult.problem(where + " does not answer from this host: " + e.getMessage(),
                    "check that etcd runs and listens on that address, and no firewall is in the way");
        }
    }

    private static SSLSocket secured(Socket plain, Endpoint.HostPort server, TlsFiles tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.context(server.host()).getSocketFactory().createSocket(plain, server.host(), server.port(), true);
        socket.startHandshake();
        return socket;
    }

    private static String get(Socket socket, Endpoint.HostPort server, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + server.host() + ":" + server.port() + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
    }

    private static String firstLineAndBody(String response) {
        String status = response.lines().findFirst().orElse("");
        int body = response.indexOf("\r\n\r\n");
        return status + (body < 0 ? "" : " " + response.substring(body + 4).strip());
    }
}
