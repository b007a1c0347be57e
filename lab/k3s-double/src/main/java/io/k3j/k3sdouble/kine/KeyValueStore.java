package io.k3j.k3sdouble.kine;

import java.util.List;
import java.util.Optional;

/**
 * What the double keeps its cluster state in: kine's table in an SQL datastore, or etcd itself
 * (K3s passes an etcd endpoint through to etcd). Both give revisions and compare-and-set writes.
 */
public interface KeyValueStore {

    Optional<KineRow> get(String name) throws java.sql.SQLException;

    /** Creates {@code name}; false when it already exists (or another writer created it first). */
    boolean create(String name, byte[] value) throws java.sql.SQLException;

    /** Replaces {@code name}'s value if it is still at {@code revision}; false when someone changed it first. */
    boolean update(String name, long revision, byte[] value) throws java.sql.SQLException;

    /** Deletes {@code name} if it is still at {@code revision}; false when it changed or is gone. */
    boolean delete(String name, long revision) throws java.sql.SQLException;

    /** The live keys under {@code prefix}, each at its latest revision, in name order. */
    List<KineRow> list(String prefix) throws java.sql.SQLException;
}
