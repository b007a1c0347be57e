package io.k3j.k3sdouble.kine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A datastore in memory for tests of what sits on top of one: revisions and compare-and-set as kine has them. */
public final class MemoryStore implements KeyValueStore {
    private final TreeMap<String, KineRow> rows = new TreeMap<>();
    private long revision;

    @Override
    public synchronized Optional<KineRow> get(String name) {
        return Optional.ofNullable(rows.get(name));
    }

    @Override
    public synchronized boolean create(String name, byte[] value) {
        if (rows.containsKey(name)) {
            return false;
        }
        revision++;
        rows.put(name, new KineRow(revision, name, revision, value));
        return true;
    }

    @Override
    public synchronized boolean update(String name, long expected, byte[] value) {
        KineRow current = rows.get(name);
        if (current == null || current.revision() != expected) {
            return false;
        }
        revision++;
        rows.put(name, new KineRow(revision, name, current.createRevision(), value));
        return true;
    }

    @Override
    public synchronized boolean delete(String name, long expected) {
        KineRow current = rows.get(name);
        if (current == null || current.revision() != expected) {
            return false;
        }
        revision++;
        rows.remove(name);
        return true;
    }

    @Override
    public synchronized List<KineRow> list(String prefix) {
        List<KineRow> live = new ArrayList<>();
        for (Map.Entry<String, KineRow> row : rows.tailMap(prefix).entrySet()) {
            if (!row.getKey().startsWith(prefix)) {
                break;
            }
            live.add(row.getValue());
        }
        return live;
    }
}
