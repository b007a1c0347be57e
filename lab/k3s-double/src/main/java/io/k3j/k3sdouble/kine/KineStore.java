package io.k3j.k3sdouble.kine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keys and values kept the way kine keeps them: every change is a new row (its id the revision)
 * that names the row it replaces ({@code prev_revision}); the unique index on (name, prev_revision)
 * makes two writers that saw the same revision conflict, so only one wins. The latest row of a
 * name is its value, unless it is marked deleted.
 */
public final class KineStore implements KeyValueStore {
    private final Connection connection;
    private final KineDialect dialect;

    public KineStore(Connection connection, KineDialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    /** Creates kine's table and indexes unless they exist (kine does it on every start). */
    public void ensureSchema() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : dialect.schema()) {
                try {
                    statement.execute(ddl);
                } catch (SQLException e) {
                    if (!dialect.isAlreadyThere(e)) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public Optional<KineRow> get(String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, name, create_revision, deleted, value FROM kine WHERE name = ? ORDER BY id DESC LIMIT 1")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || rows.getInt("deleted") != 0) {
                    return Optional.empty();
                }
                return Optional.of(row(rows));
            }
        }
    }

    @Override
    public boolean create(String name, byte[] value) throws SQLException {
        Optional<Long> previous = latestId(name);
        if (previous.isPresent() && get(name).isPresent()) {
            return false;
        }
        return insert(new Row(name, true, false, 0, previous.orElse(0L), value, null));
    }

    @Override
    public boolean update(String name, long revision, byte[] value) throws SQLException {
        Optional<KineRow> current = get(name);
        if (current.isEmpty() || current.get().revision() != revision) {
            return false;
        }
        return insert(new Row(name, false, false, current.get().createRevision(), revision, value, null));
    }

    /** kine marks a delete with a row of its own ({@code deleted = 1}, the last value kept), so watchers see it. */
    @Override
    public boolean delete(String name, long revision) throws SQLException {
        Optional<KineRow> current = get(name);
        if (current.isEmpty() || current.get().revision() != revision) {
            return false;
        }
        return insert(new Row(name, false, true, current.get().createRevision(), revision, current.get().value(), current.get().value()));
    }

    @Override
    public List<KineRow> list(String prefix) throws SQLException {
        String sql = "SELECT k.id, k.name, k.create_revision, k.deleted, k.value FROM kine k "
                + "JOIN (SELECT name, MAX(id) AS id FROM kine WHERE name LIKE ? GROUP BY name) latest ON k.id = latest.id "
                + "WHERE k.deleted = 0 ORDER BY k.name";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, prefix.replace("%", "\\%").replace("_", "\\_") + "%");
            try (ResultSet rows = query.executeQuery()) {
                List<KineRow> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(row(rows));
                }
                return result;
            }
        }
    }

    private Optional<Long> latestId(String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(id) FROM kine WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long id = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of(id);
            }
        }
    }

    /** A new row of kine's table: a create, an update or a delete of {@code name}. */
    private record Row(String name, boolean created, boolean deleted, long createRevision, long prevRevision, byte[] value,
                       byte[] oldValue) {
    }

    /** Inserts the row; false when another writer inserted one after the same revision first (the unique index). */
    private boolean insert(Row row) throws SQLException {
        String sql = "INSERT INTO kine (name, created, deleted, create_revision, prev_revision, lease, value, old_value) "
                + "VALUES (?, ?, ?, ?, ?, 0, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, row.name());
            insert.setInt(2, row.created() ? 1 : 0);
            insert.setInt(3, row.deleted() ? 1 : 0);
            insert.setLong(4, row.createRevision());
            insert.setLong(5, row.prevRevision());
            insert.setBytes(6, row.value());
            insert.setBytes(7, row.oldValue());
            insert.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException e) {
            return false;
        } catch (SQLException e) {
            // PostgreSQL reports a unique violation as SQLState 23505 without the JDBC subclass.
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static KineRow row(ResultSet rows) throws SQLException {
        long id = rows.getLong("id");
        long createRevision = rows.getLong("create_revision");
        return new KineRow(id, rows.getString("name"), createRevision == 0 ? id : createRevision, rows.getBytes("value"));
    }
}
