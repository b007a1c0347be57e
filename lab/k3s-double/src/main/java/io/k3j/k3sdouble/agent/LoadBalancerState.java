package io.k3j.k3sdouble.agent;

import io.k3j.k3sdouble.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The agent's client load balancer state, {@code <data-dir>/agent/etc/k3s-agent-load-balancer.json},
 * as pkg/agent/loadbalancer/config.go writes it: Go's {@code json.MarshalIndent(lbConfig, "", "  ")}
 * of {@code {ServerURL, ServerAddresses}}. At start the saved addresses are used only if the saved
 * ServerURL is the agent's {@code --server} (updateConfig); otherwise, or if the file is missing or
 * not JSON, the current state is written over it.
 */
record LoadBalancerState(String serverUrl, List<String> serverAddresses) {
    static final String FILE = "agent/etc/k3s-agent-load-balancer.json";

    LoadBalancerState {
        serverAddresses = List.copyOf(serverAddresses);
    }

    /** The addresses to start from: the saved ones when they were saved for {@code serverUrl}. */
    static Optional<List<String>> savedFor(String serverUrl, Optional<LoadBalancerState> saved) {
        return saved.filter(state -> state.serverUrl().equals(serverUrl)).map(LoadBalancerState::serverAddresses);
    }

    /** The file's content; empty when it is not the JSON object K3s writes. */
    @SuppressWarnings("unchecked")
    static Optional<LoadBalancerState> parse(String text) {
        try {
            if (Json.read(text) instanceof Map<?, ?> map && map.get("ServerURL") instanceof String url) {
                Object addresses = map.get("ServerAddresses");
                List<String> list = addresses instanceof List<?> items && items.stream().allMatch(String.class::isInstance)
                        ? (List<String>) items : List.of();
                return Optional.of(new LoadBalancerState(url, list));
            }
        } catch (RuntimeException e) {
            // not JSON: K3s ignores it and writes the current state
        }
        return Optional.empty();
    }

    /** Go's MarshalIndent with a two-space indent: an empty list is {@code []}, strings escaped as JSON. */
    String json() {
        String addresses = serverAddresses.isEmpty() ? "[]" : serverAddresses.stream().map(address -> "    " + Json.write(address))
                .collect(Collectors.joining(",\n", "[\n", "\n  ]"));
        return "{\n  \"ServerURL\": " + Json.write(serverUrl) + ",\n  \"ServerAddresses\": " + addresses + "\n}";
    }

    static Optional<LoadBalancerState> read(Path dataDir) {
        try {
            return parse(Files.readString(dataDir.resolve(FILE)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void write(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json());
    }
}
