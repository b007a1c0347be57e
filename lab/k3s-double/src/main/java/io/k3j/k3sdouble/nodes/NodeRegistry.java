package io.k3j.k3sdouble.nodes;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.kine.KineRow;
import io.k3j.k3sdouble.kine.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Nodes kept in the datastore under {@code /registry/minions/}, as the apiserver keeps them, so every server sees all. */
public final class NodeRegistry {
    private static final String PREFIX = "/registry/minions/";

    private final KeyValueStore kine;

    public NodeRegistry(KeyValueStore kine) {
        this.kine = kine;
    }

    /** Writes the node's record: created on first registration, replaced on later ones (a restart, a heartbeat). */
    public synchronized void put(NodeRecord node) throws SQLException {
        byte[] value = Json.write(node.toStored()).getBytes(StandardCharsets.UTF_8);
        String key = PREFIX + node.name();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<KineRow> current = kine.get(key);
            boolean written = current.isEmpty() ? kine.create(key, value) : kine.update(key, current.get().revision(), value);
            if (written) {
                return;
            }
        }
        throw new SQLException("could not write node " + node.name() + ": it kept changing under us");
    }

    public synchronized Optional<NodeRecord> get(String name) throws SQLException {
        return kine.get(PREFIX + name).map(row -> parse(row.value()));
    }

    public synchronized List<NodeRecord> list() throws SQLException {
        List<NodeRecord> nodes = new ArrayList<>();
        for (KineRow row : kine.list(PREFIX)) {
            nodes.add(parse(row.value()));
        }
        return nodes;
    }

    private static NodeRecord parse(byte[] json) {
        Map<String, Object> stored = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(json, StandardCharsets.UTF_8));
        return NodeRecord.fromStored(stored);
    }
}
