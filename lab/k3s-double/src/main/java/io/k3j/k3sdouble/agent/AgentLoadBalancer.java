package io.k3j.k3sdouble.agent;

import io.k3j.k3sdouble.server.Log;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The agent's client load balancer (pkg/agent/loadbalancer): a TCP proxy on
 * {@code 127.0.0.1:<lb-server-port>} (6444) through which the agent makes every call to the
 * cluster. It starts from the addresses saved in {@link LoadBalancerState} for this
 * {@code --server}, so an agent restarted while the registration address is down still reaches a
 * server; each connection goes to the current server, and on a dial error to the next, the
 * {@code --server} address (the default) last. {@link #update} takes the apiserver addresses the
 * agent learns and saves them.
 */
final class AgentLoadBalancer {
    static final String SERVICE_NAME = "k3s-agent-load-balancer";
    private static final int DIAL_TIMEOUT_MILLIS = 5_000;

    private final ServerSocket listener;
    private final String serverUrl;
    private final String defaultAddress;
    private final Path dataDir;
    private final Log log;
    private List<String> addresses;
    private String current;

    private AgentLoadBalancer(ServerSocket listener, String serverUrl, List<String> addresses, Path dataDir, Log log) {
        this.listener = listener;
        this.serverUrl = serverUrl;
        this.defaultAddress = hostPort(serverUrl);
        this.addresses = List.copyOf(addresses);
        this.dataDir = dataDir;
        this.log = log;
    }

    /** loadbalancer.New: listen, take the saved addresses if saved for {@code serverUrl} (else save the current state), serve. */
    static AgentLoadBalancer start(String serverUrl, int port, Path dataDir, Log log) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Optional<List<String>> saved = LoadBalancerState.savedFor(serverUrl, LoadBalancerState.read(dataDir));
        AgentLoadBalancer balancer = new AgentLoadBalancer(listener, serverUrl, saved.orElse(List.of()), dataDir, log);
        if (saved.isEmpty()) {
            balancer.state().write(dataDir);
        }
        Thread accept = new Thread(balancer::acceptLoop, SERVICE_NAME);
        accept.setDaemon(true);
        accept.start();
        log.info("Running load balancer " + SERVICE_NAME + " 127.0.0.1:" + listener.getLocalPort() + " -> "
                + goList(balancer.addresses) + " [default: " + balancer.defaultAddress + "]");
        return balancer;
    }

    /** The URL the agent calls instead of {@code --server}. */
    String localUrl() {
        return "https://127.0.0.1:" + listener.getLocalPort();
    }

    /** LoadBalancer.Update: a new, non-empty list of addresses replaces the old one and is saved. */
    synchronized void update(List<String> learned) throws IOException {
        if (learned.isEmpty() || new LinkedHashSet<>(learned).equals(new LinkedHashSet<>(addresses))) {
            return;
        }
        addresses = List.copyOf(learned);
        log.info("Updated load balancer " + SERVICE_NAME + " server addresses -> " + goList(addresses) + " [default: "
                + defaultAddress + "]");
        state().write(dataDir);
    }

    synchronized LoadBalancerState state() {
        return new LoadBalancerState(serverUrl, addresses);
    }

    /** Where a connection tries to go, in order: the server that answered last, the other addresses, the default. */
    synchronized List<String> dialOrder() {
        return dialOrder(current, addresses, defaultAddress);
    }

    static List<String> dialOrder(String current, List<String> addresses, String defaultAddress) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        if (current != null && (addresses.contains(current) || current.equals(defaultAddress))) {
            order.add(current);
        }
        order.addAll(addresses);
        order.add(defaultAddress);
        return new ArrayList<>(order);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread connection = new Thread(() -> proxy(client), SERVICE_NAME + " connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    log.error("Load balancer " + SERVICE_NAME + " failed to accept a connection: " + e.getMessage());
                }
            }
        }
    }

    private void proxy(Socket client) {
        try (client; Socket server = dial()) {
            Thread upstream = new Thread(() -> pump(client, server), SERVICE_NAME + " upstream");
            upstream.setDaemon(true);
            upstream.start();
            pump(server, client);
            upstream.join();
        } catch (IOException e) {
            // every server failed: the client sees its connection closed, as K3s' onDialError closes it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Socket dial() throws IOException {
        IOException last = new IOException("all servers failed");
        for (String address : dialOrder()) {
            Socket socket = new Socket();
            try {
                socket.connect(socketAddress(address), DIAL_TIMEOUT_MILLIS);
                synchronized (this) {
                    current = address;
                }
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last;
    }

    /** Copies until {@code from} ends, then half-closes {@code to} so the other direction can finish. */
    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            // not closed here: closing a socket's stream closes the socket, and the other direction may still run
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side went away: end the other direction too
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    static String hostPort(String url) {
        java.net.URI uri = java.net.URI.create(url);
        return uri.getHost() + ":" + (uri.getPort() == -1 ? 443 : uri.getPort());
    }

    private static InetSocketAddress socketAddress(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon).replaceAll("^\\[|]$", ""),
                Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** Go's %v of a []string: {@code [a b]}. */
    private static String goList(List<String> items) {
        return "[" + String.join(" ", items) + "]";
    }
}
