package io.k3j.k3sdouble.nodes;

import io.k3j.k3sdouble.api.Patch;
import io.k3j.k3sdouble.kine.KeyValueStore;
import io.k3j.k3sdouble.kine.KineRow;
import io.k3j.k3sdouble.objects.StoredJson;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * v1 Nodes kept in the datastore under {@code /registry/minions/}, where the apiserver keeps them,
 * so every server serves the same nodes. The key's revision is the object's resourceVersion:
 * writes name the revision they read and lose to a writer that came first.
 */
public final class NodeRegistry {
    private static final String PREFIX = "/registry/minions/";
    private static final int ATTEMPTS = 10;

    /** A node as read, at the revision it was read. */
    public record Stored(long revision, Map<String, Object> node) {
    }

    private final KeyValueStore kine;

    public NodeRegistry(KeyValueStore kine) {
        this.kine = kine;
    }

    public synchronized Optional<Stored> get(String name) throws SQLException {
        return kine.get(PREFIX + name).map(NodeRegistry::stored);
    }

    public synchronized List<Stored> list() throws SQLException {
        List<Stored> nodes = new ArrayList<>();
        for (KineRow row : kine.list(PREFIX)) {
            nodes.add(stored(row));
        }
        return nodes;
    }

    /** Creates the node; false when one of that name exists. */
    public synchronized boolean create(String name, Map<String, Object> node) throws SQLException {
        return kine.create(PREFIX + name, bytes(node));
    }

    /** Replaces the node if it is still at {@code revision}; false when it changed or is gone. */
    public synchronized boolean update(String name, long revision, Map<String, Object> node) throws SQLException {
        return kine.update(PREFIX + name, revision, bytes(node));
    }

    /**
     * Deletes the node if it is still at {@code revision}, and with it the node password secret it
     * owns: K3s' nodepassword controller gives the secret an ownerReference to its Node, so the
     * garbage collector deletes it with the Node (older K3s deleted it in its node controller), and
     * a host reinstalled under that name, with a new password, joins again.
     */
    public synchronized boolean delete(String name, long revision) throws SQLException {
        if (!kine.delete(PREFIX + name, revision)) {
            return false;
        }
        Optional<KineRow> secret = kine.get(passwordSecretKey(name));
        if (secret.isPresent()) {
            kine.delete(passwordSecretKey(name), secret.get().revision());
        }
        return true;
    }

    /** Where the apiserver keeps a node's password secret, {@code kube-system/<node>.node-password.k3s} (lower case, as getSecretName makes it). */
    public static String passwordSecretKey(String node) {
        return "/registry/secrets/kube-system/" + (node + ".node-password.k3s").toLowerCase(java.util.Locale.ROOT);
    }

    /** A node's registration at its start: a fresh Node, or the registered one brought up to date ({@link NodeObjects#reregistered}). */
    public void register(NodeRecord record, Instant now) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Stored> current = get(record.name());
            boolean written = current.isEmpty() ? create(record.name(), NodeObjects.fresh(record, now))
                    : update(record.name(), current.get().revision(), NodeObjects.reregistered(current.get().node(), record, now));
            if (written) {
                return;
            }
        }
        throw new SQLException("could not register node " + record.name() + ": it kept changing under us");
    }

    /** The kubelet's status update: the Ready condition's heartbeat, as a strategic merge patch of the status. */
    public void heartbeat(String name, Instant now) throws SQLException {
        change(name, node -> strategicMerge(node, NodeObjects.heartbeatPatch(now)));
    }

    private void change(String name, UnaryOperator<Map<String, Object>> change) throws SQLException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Stored> current = get(name);
            if (current.isEmpty()) {
                throw new SQLException("node " + name + " is not registered");
            }
            if (update(name, current.get().revision(), change.apply(current.get().node()))) {
                return;
            }
        }
        throw new SQLException("could not update node " + name + ": it kept changing under us");
    }

    private static Map<String, Object> strategicMerge(Map<String, Object> node, Map<String, Object> patch) {
        try {
            return Patch.apply("application/strategic-merge-patch+json", node, patch);
        } catch (io.k3j.k3sdouble.api.ApiError e) {
            throw new IllegalStateException("the heartbeat patch is the double's own: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(Map<String, Object> node) {
        return StoredJson.encode(node);
    }

    private static Stored stored(KineRow row) {
        return new Stored(row.revision(), StoredJson.decode(row));
    }
}
