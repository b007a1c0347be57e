package io.k3j.datastore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
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
            return tlsProblem(where, e);
        } catch (IOException e) {
            return ProbeResult.problem(where + " does not answer from this host: " + e.getMessage(),
                    "check that etcd runs and listens on that address, and no firewall is in the way");
        }
    }

    private static SSLSocket secured(Socket plain, Endpoint.HostPort server, TlsFiles tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.context().getSocketFactory().createSocket(plain, server.host(), server.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
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

    /** What a failed handshake means for the operator, from the JDK's words for it (kept where they say more). */
    private static ProbeResult tlsProblem(String where, SSLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("PKIX path") || message.contains("unable to find valid certification path")) {
            return ProbeResult.problem(where + " serves a certificate that datastore.tls.caFile did not sign",
                    "set datastore.tls.caFile to the CA that signed etcd's serving certificate");
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return ProbeResult.problem(where + " serves a certificate that does not name that host: " + message,
                    "use the name or address etcd's certificate was issued for in datastore.endpoint, or reissue it with that name");
        }
        if (message.contains("bad_certificate") || message.contains("certificate_required") || message.contains("unknown_ca")) {
            return ProbeResult.problem(where + " refused the client certificate: " + message,
                    "give datastore.tls.certFile and keyFile a client certificate signed by the CA etcd trusts (--trusted-ca-file)");
        }
        return ProbeResult.problem("the TLS handshake with " + where + " failed: " + message,
                "check datastore.tls (caFile, certFile, keyFile) against etcd's TLS settings");
    }
}
