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
 * The node's status update, as the kubelet posts it (every 10 s by default): registers the node at
 * start (its creation time kept across restarts) and refreshes its heartbeat; a node whose process
 * stops turns NotReady once its last heartbeat is older than the grace period.
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
        NodeRecord registered = nodes.get(node.name())
                .map(existing -> new NodeRecord(node.name(), node.server(), node.labels(), node.taints(), node.internalIp(),
                        node.kubeletVersion(), existing.created(), Instant.now()))
                .orElse(node);
        nodes.put(registered);
        log.info("Registered node " + node.name());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                nodes.put(registered.heartbeatAt(Instant.now()));
            } catch (SQLException e) {
                log.error("Failed to update node " + node.name() + " status: " + e.getMessage());
            }
        }, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }
}
