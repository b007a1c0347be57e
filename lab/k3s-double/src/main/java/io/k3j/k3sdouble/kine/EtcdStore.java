package io.k3j.k3sdouble.kine;

import io.k3j.k3sdouble.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The double's state in etcd itself, as K3s uses an external etcd (the endpoint is passed through,
 * k3s-facts §4): keys and values over etcd's v3 JSON gateway ({@code /v3/kv/range}, {@code /v3/kv/txn}),
 * compare-and-set on create_revision (create) and mod_revision (update). Several endpoints: the
 * one that answered last, then the others in turn, as etcd's client balancer sends requests to
 * the members it is connected to and fails over from one that is down (etcd.io "etcd client
 * design", the balancer; gRPC's round_robin skips a subchannel in TRANSIENT_FAILURE): a member
 * down costs one failed call, not one per request. Failures surface
 * as SQLException, with the gRPC error K3s' etcd client would report ({@link EtcdClientWarning}),
 * so callers treat both stores alike.
 */
public final class EtcdStore implements KeyValueStore {
    private final List<URI> endpoints;
    private final HttpClient http;
    /** The endpoint that answered last, where the next call starts. */
    private volatile int answering;

    public EtcdStore(List<URI> endpoints, HttpClient http) {
        this.endpoints = endpoints;
        this.http = http;
    }

    /** Answers when some member answers: the ping kine's etcd client makes before it is used. */
    public void ping() throws SQLException {
        call("/v3/kv/range", Map.of("key", encode("/registry/health"), "count_only", true));
    }

    @Override
    public Optional<KineRow> get(String name) throws SQLException {
        List<KineRow> rows = rows(call("/v3/kv/range", Map.of("key", encode(name))));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @Override
    public boolean create(String name, byte[] value) throws SQLException {
        return transaction(name, "CREATE", "create_revision", 0, value);
    }

    @Override
    public boolean update(String name, long revision, byte[] value) throws SQLException {
        return transaction(name, "MOD", "mod_revision", revision, value);
    }

    @Override
    public boolean delete(String name, long revision) throws SQLException {
        Map<String, Object> compare = new LinkedHashMap<>();
        compare.put("key", encode(name));
        compare.put("target", "MOD");
        compare.put("result", "EQUAL");
        compare.put("mod_revision", String.valueOf(revision));
        Map<String, Object> delete = Map.of("request_delete_range", Map.of("key", encode(name)));
        Map<String, Object> answer = call("/v3/kv/txn", Map.of("compare", List.of(compare), "success", List.of(delete)));
        return Boolean.TRUE.equals(answer.get("succeeded"));
    }

    @Override
    public List<KineRow> list(String prefix) throws SQLException {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        List<KineRow> rows = rows(call("/v3/kv/range", Map.of("key", encode(prefix),
                "range_end", Base64.getEncoder().encodeToString(end), "sort_target", "KEY", "sort_order", "ASCEND")));
        return rows;
    }

    private boolean transaction(String name, String target, String field, long expected, byte[] value) throws SQLException {
        Map<String, Object> compare = new LinkedHashMap<>();
        compare.put("key", encode(name));
        compare.put("target", target);
        compare.put("result", "EQUAL");
        compare.put(field, String.valueOf(expected));
        Map<String, Object> put = Map.of("request_put", Map.of("key", encode(name), "value", Base64.getEncoder().encodeToString(value)));
        Map<String, Object> answer = call("/v3/kv/txn", Map.of("compare", List.of(compare), "success", List.of(put)));
        return Boolean.TRUE.equals(answer.get("succeeded"));
    }

    @SuppressWarnings("unchecked")
    private static List<KineRow> rows(Map<String, Object> answer) {
        List<KineRow> rows = new ArrayList<>();
        for (Map<String, Object> kv : (List<Map<String, Object>>) answer.getOrDefault("kvs", List.of())) {
            rows.add(new KineRow(Long.parseLong(String.valueOf(kv.get("mod_revision"))),
                    new String(Base64.getDecoder().decode((String) kv.get("key")), StandardCharsets.UTF_8),
                    Long.parseLong(String.valueOf(kv.get("create_revision"))),
                    Base64.getDecoder().decode((String) kv.getOrDefault("value", ""))));
        }
        return rows;
    }

    private Map<String, Object> call(String path, Map<String, Object> request) throws SQLException {
        SQLException last = null;
        int first = answering;
        for (int tried = 0; tried < endpoints.size(); tried++) {
            int index = (first + tried) % endpoints.size();
            URI endpoint = endpoints.get(index);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    last = new SQLException("etcd " + endpoint + " answered " + response.statusCode() + ": " + response.body());
                    continue;
                }
                answering = index;
                return new Yaml(new SafeConstructor(new LoaderOptions())).load(response.body());
            } catch (IOException e) {
                last = new SQLException(EtcdClientWarning.error(endpoint, e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
        }
        throw last;
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
