package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.nodes.NodeRecord;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A server's own kubelet: registers the node at start (a restart keeps the Node object, see
 * NodeObjects.reregistered) and refreshes its Ready heartbeat every 10 s (the kubelet's default
 * node status update frequency); a node whose process stops turns NotReady once its last
 * heartbeat is older than the grace period.
 */
final class Heartbeat {
    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final NodeRegistry nodes;
    private final NodeRecord node;
    private final Log log;

    Heartbeat(NodeRegistry nodes, NodeRecord node, Log log) {
        this.nodes = nodes;
        this.node = node;
        this.log = log;
    }

    void start() throws SQLException {
        nodes.register(node, Instant.now());
        log.info("Registered node " + node.name());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                nodes.heartbeat(node.name(), Instant.now());
            } catch (SQLException e) {
                log.error("Failed to update node " + node.name() + " status: " + e.getMessage());
            }
        }, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }
}
