package io.k3j.labtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** The nodes of a cluster on the ha-postgres topology, as {@code kubectl get nodes} lists them. */
public final class ClusterNodes {
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");

    private ClusterNodes() {
    }

    /** Every server Ready with K3s' control-plane roles, every worker Ready with none. */
    public static void assertAllReady(String table) {
        for (String server : SERVERS) {
            assertThat(table).containsPattern(server + " +Ready +control-plane,master");
        }
        for (String worker : WORKERS) {
            assertThat(table).containsPattern(worker + " +Ready +<none>");
        }
    }
}
