package io.k3j.k3sdouble.agent;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.server.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The apiserver addresses the agent's load balancer follows. K3s' agent asks the supervisor's
 * {@code /v1-k3s/apiservers} once at start, then watches the {@code default/kubernetes} endpoints
 * (pkg/agent/tunnel/tunnel.go Setup, watchEndpoints) and hands every change to
 * LoadBalancer.Update; the double asks {@code /v1-k3s/apiservers} (the same list) again at each
 * heartbeat instead of watching, so a server added later is learned within 10 s.
 */
final class ApiserverAddresses {
    private final SupervisorClient client;
    private final String server;
    private final String password;
    private final AgentLoadBalancer balancer;
    private final Log log;

    ApiserverAddresses(SupervisorClient client, String server, String password, AgentLoadBalancer balancer, Log log) {
        this.client = client;
        this.server = server;
        this.password = password;
        this.balancer = balancer;
        this.log = log;
    }

    /** Asks for the addresses and updates the balancer; a failure is logged and the known addresses stay. */
    void refresh() throws InterruptedException {
        try {
            HttpResponse<String> response = client.get(URI.create(server + "/v1-k3s/apiservers"), "node", password, null, null);
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            balancer.update(parse(response.body()));
        } catch (IOException | RuntimeException e) {
            log.warn("Failed to get apiserver addresses from server: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> parse(String json) {
        if (Json.read(json) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return (List<String>) list;
        }
        throw new IllegalArgumentException("not a list of addresses: " + json);
    }
}
