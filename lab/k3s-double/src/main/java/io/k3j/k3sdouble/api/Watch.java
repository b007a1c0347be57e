package io.k3j.k3sdouble.api;

import com.sun.net.httpserver.HttpExchange;
import io.k3j.k3sdouble.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ?watch=true} on nodes: a stream of watch events ({@code {"type":"ADDED|MODIFIED|DELETED",
 * "object":…}}, one JSON object a line, as the apiserver's JSON watch encoder writes them) from
 * {@code resourceVersion} on (none or "0": every node first, as ADDED). The double finds changes by
 * reading the datastore every {@link #POLL} (kine itself polls its table the same way), and also
 * sends a node whose readiness changed as it is observed (NotReady after the grace period). It ends
 * after {@code timeoutSeconds} (default 30 min) or when the client goes.
 */
public final class Watch {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long DEFAULT_TIMEOUT_SECONDS = 1800;

    private final NodesApi nodes;
    private final Clock clock;

    public Watch(NodesApi nodes, Clock clock) {
        this.nodes = nodes;
        this.clock = clock;
    }

    @SuppressWarnings("unchecked")
    void stream(HttpExchange exchange, Caller caller, Map<String, String> query, boolean table) throws ApiError, IOException {
        long from = parse(query.get("resourceVersion"));
        long timeout = query.containsKey("timeoutSeconds") ? parse(query.get("timeoutSeconds")) : DEFAULT_TIMEOUT_SECONDS;
        long until = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        Map<String, String> sent = new HashMap<>();
        boolean first = true;
        try (OutputStream out = exchange.getResponseBody()) {
            while (System.nanoTime() < until) {
                List<Map<String, Object>> current = nodes.list(caller, query.get("labelSelector"), query.get("fieldSelector")).nodes();
                Set<String> seen = new HashSet<>();
                for (Map<String, Object> node : current) {
                    String name = Meta.name(node);
                    seen.add(name);
                    String json = Json.write(node);
                    long revision = parse(String.valueOf(((Map<String, Object>) node.get("metadata")).get("resourceVersion")));
                    String type = first ? (from == 0 ? "ADDED" : revision > from ? "MODIFIED" : null)
                            : !sent.containsKey(name) ? "ADDED" : json.equals(sent.get(name)) ? null : "MODIFIED";
                    if (type != null) {
                        send(out, type, node, table);
                    }
                    sent.put(name, json);
                }
                for (String gone : new HashSet<>(sent.keySet())) {
                    if (!seen.contains(gone)) {
                        send(out, "DELETED", (Map<String, Object>) Json.read(sent.remove(gone)), table);
                    }
                }
                first = false;
                out.flush();
                sleep();
            }
        } catch (IOException e) {
            // the client went away: the watch ends, as it would on the apiserver
        }
    }

    private void send(OutputStream out, String type, Map<String, Object> node, boolean table) throws IOException {
        Object object = table ? NodeTable.of(List.of(node), clock.instant(), "Metadata", Map.of()) : node;
        out.write((Json.write(Json.object("type", type, "object", object)) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static long parse(String number) throws ApiError {
        if (number == null || number.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid resource version: " + number);
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
