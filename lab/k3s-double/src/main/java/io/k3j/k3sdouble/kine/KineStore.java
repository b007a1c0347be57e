package io.k3j.k3sdouble.kine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keys and values kept the way kine keeps them: every change is a new row (its id the revision)
 * that names the row it replaces ({@code prev_revision}); the unique index on (name, prev_revision)
 * makes two writers that saw the same revision conflict, so only one wins. The latest row of a
 * name is its value, unless it is marked deleted.
 *
 * <p>A connection the datastore dropped (a restart) is let go and a new one opened, as Go's
 * database/sql pool under kine does: a call that finds its connection broken is tried once more
 * on a fresh one, and while the datastore is away each call fails with the driver's error.
 */
public final class KineStore implements KeyValueStore {
    /** Opens a connection to the datastore. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final Connector connector;
    private final KineDialect dialect;
    private Connection connection;

    public KineStore(Connector connector, KineDialect dialect) {
        this.connector = connector;
        this.dialect = dialect;
    }

    /** Creates kine's table and indexes unless they exist (kine does it on every start). */
    public void ensureSchema() throws SQLException {
        withConnection(this::ensureSchema);
    }

    /** The newest revision, as kine's poll loop asks for the changes after the last it saw. */
    public long currentRevision() throws SQLException {
        return withConnection(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT MAX(id) FROM kine")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private Void ensureSchema(Connection connection) throws SQLException {
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
        return null;
    }

    /** Runs {@code work} on the open connection; on a connection found broken, once more on a new one. */
    private <T> T withConnection(Work<T> work) throws SQLException {
        Connection current = connection();
        try {
            return work.on(current);
        } catch (SQLException e) {
            if (!isConnectionLost(e)) {
                throw e;
            }
            discard(current);
            return work.on(connection());
        }
    }

    private synchronized Connection connection() throws SQLException {
        if (connection == null) {
            connection = connector.open();
        }
        return connection;
    }

    private synchronized void discard(Connection broken) {
        if (connection == broken) {
            connection = null;
        }
        try {
            broken.close();
        } catch (SQLException e) {
            // it is broken already; closing only frees what the driver still holds
        }
    }

    /** SQLSTATE class 08 (connection exception), or the driver's word that the connection is gone. */
    static boolean isConnectionLost(SQLException e) {
        return e instanceof SQLNonTransientConnectionException || e instanceof SQLTransientConnectionException
                || e instanceof SQLRecoverableException || e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    @Override
    public Optional<KineRow> get(String name) throws SQLException {
        return withConnection(connection -> {
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
        });
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
        return withConnection(connection -> {
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
        });
    }

    private Optional<Long> latestId(String name) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT MAX(id) FROM kine WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    long id = rows.getLong(1);
                    return rows.wasNull() ? Optional.<Long>empty() : Optional.of(id);
                }
            }
        });
    }

    /** A new row of kine's table: a create, an update or a delete of {@code name}. */
    private record Row(String name, boolean created, boolean deleted, long createRevision, long prevRevision, byte[] value,
                       byte[] oldValue) {
    }

    /** Inserts the row; false when another writer inserted one after the same revision first (the unique index). */
    private boolean insert(Row row) throws SQLException {
        String sql = "INSERT INTO kine (name, created, deleted, create_revision, prev_revision, lease, value, old_value) "
                + "VALUES (?, ?, ?, ?, ?, 0, ?, ?)";
        return withConnection(connection -> {
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
        });
    }

    private static KineRow row(ResultSet rows) throws SQLException {
        long id = rows.getLong("id");
        long createRevision = rows.getLong("create_revision");
        return new KineRow(id, rows.getString("name"), createRevision == 0 ? id : createRevision, rows.getBytes("value"));
    }
}
