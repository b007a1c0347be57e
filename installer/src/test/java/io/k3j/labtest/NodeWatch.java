package io.k3j.labtest;

import io.k3j.apply.ClusterNodes;
import io.k3j.apply.Node;
import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the cluster's nodes while something runs (an apply that restarts servers): every two
 * seconds, from the first of the servers that answers (one of them may be restarting). A node that
 * turns NotReady stays so until its next heartbeat, far longer than two seconds, so it is seen.
 */
public final class NodeWatch implements AutoCloseable {
    private final Lab lab;
    private final List<String> servers;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> notReady = new ArrayList<>();
    private int samples;

    private NodeWatch(Lab lab, List<String> servers) {
        this.lab = lab;
        this.servers = List.copyOf(servers);
    }

    public static NodeWatch start(Lab lab, List<String> servers) {
        NodeWatch watch = new NodeWatch(lab, servers);
        watch.sampler.scheduleWithFixedDelay(watch::sample, 0, 2, TimeUnit.SECONDS);
        return watch;
    }

    private void sample() {
        for (String server : servers) {
            CommandResult result = lab.exec(server, "k3s", "kubectl", "get", "nodes", "-o", "json");
            if (result.ok()) {
                List<Node> nodes = ClusterNodes.parse(result.stdout());
                synchronized (this) {
                    samples++;
                    nodes.stream().filter(node -> !node.ready()).forEach(node -> notReady.add(node.name() + " (seen from " + server + ")"));
                }
                return;
            }
        }
    }

    /** How many samples were taken (none would make {@link #notReady()} mean nothing). */
    public synchronized int samples() {
        return samples;
    }

    /** Every node seen NotReady, once per sample. */
    public synchronized List<String> notReady() {
        return List.copyOf(notReady);
    }

    @Override
    public void close() throws InterruptedException {
        sampler.shutdown();
        if (!sampler.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the node sampler did not end");
        }
    }
}
