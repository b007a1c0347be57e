package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.kine.KeyValueStore;
import io.k3j.k3sdouble.kine.KineRow;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The node password check (pkg/nodepassword): the first time a node name asks for its kubelet
 * certificate, the hash of its /etc/rancher/node/password is kept (K3s keeps it in the secret
 * {@code <node>.node-password.k3s}); a later request for that name with another password is
 * refused, which is how K3s catches two hosts with the same hostname. Deleting the Node deletes
 * the secret ({@link NodeRegistry#delete}).
 */
final class NodePasswords {
    private final KeyValueStore store;

    NodePasswords(KeyValueStore store) {
        this.store = store;
    }

    synchronized boolean accept(String node, String password) throws SQLException {
        String key = NodeRegistry.passwordSecretKey(node);
        byte[] hash = Token.sha256Hex(password.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);
        Optional<KineRow> kept = store.get(key);
        if (kept.isEmpty()) {
            return store.create(key, hash) || accept(node, password);
        }
        return java.util.Arrays.equals(kept.get().value(), hash);
    }
}
