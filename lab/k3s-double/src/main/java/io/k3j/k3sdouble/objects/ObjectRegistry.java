package io.k3j.k3sdouble.objects;

import io.k3j.k3sdouble.kine.KeyValueStore;
import io.k3j.k3sdouble.kine.KineRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Namespaced objects of one resource kept where the apiserver keeps them,
 * {@code /registry/<resource>/<namespace>/<name>} (pods, poddisruptionbudgets, daemonsets, leases), with
 * the key's revision as {@code metadata.resourceVersion}.
 */
public final class ObjectRegistry {
    /** An object as read, at the revision it was read. */
    public record Stored(long revision, Map<String, Object> object) {
    }

    private final KeyValueStore kine;
    private final String prefix;

    public ObjectRegistry(KeyValueStore kine, String resource) {
        this.kine = kine;
        this.prefix = "/registry/" + resource + "/";
    }

    public synchronized Optional<Stored> get(String namespace, String name) throws SQLException {
        return kine.get(prefix + namespace + "/" + name).map(ObjectRegistry::stored);
    }

    /** Every object, or those of one namespace; in namespace and name order. */
    public synchronized List<Stored> list(Optional<String> namespace) throws SQLException {
        List<Stored> objects = new ArrayList<>();
        for (KineRow row : kine.list(prefix + namespace.map(ns -> ns + "/").orElse(""))) {
            objects.add(stored(row));
        }
        return objects;
    }

    public synchronized boolean create(String namespace, String name, Map<String, Object> object) throws SQLException {
        return kine.create(prefix + namespace + "/" + name, bytes(object));
    }

    /** Replaces the object if it is still at {@code revision}; false when another writer changed it first. */
    public synchronized boolean update(String namespace, String name, long revision, Map<String, Object> object) throws SQLException {
        return kine.update(prefix + namespace + "/" + name, revision, bytes(object));
    }

    public synchronized boolean delete(String namespace, String name, long revision) throws SQLException {
        return kine.delete(prefix + namespace + "/" + name, revision);
    }

    private static byte[] bytes(Map<String, Object> object) {
        return StoredJson.encode(object);
    }

    private static Stored stored(KineRow row) {
        return new Stored(row.revision(), StoredJson.decode(row));
    }
}
