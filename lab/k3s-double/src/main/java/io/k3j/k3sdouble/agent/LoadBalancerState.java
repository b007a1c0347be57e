package io.k3j.k3sdouble.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agent's client load balancer state, as pkg/agent/loadbalancer writes it to
 * {@code <data-dir>/agent/etc/k3s-agent-load-balancer.json} (two-space indent):
 * {@code {"ServerURL": ..., "ServerAddresses": [...]}}. The agent keeps reaching a live server
 * through it when the registration address is gone.
 */
record LoadBalancerState(String serverUrl, List<String> serverAddresses) {

    void write(Path dataDir) throws IOException {
        Path file = dataDir.resolve("agent/etc/k3s-agent-load-balancer.json");
        Files.createDirectories(file.getParent());
        String addresses = serverAddresses.stream().map(address -> "    \"" + address + "\"").collect(Collectors.joining(",\n"));
        Files.writeString(file, "{\n  \"ServerURL\": \"" + serverUrl + "\",\n  \"ServerAddresses\": [\n" + addresses + "\n  ]\n}");
    }
}
