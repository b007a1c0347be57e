package io.k3j.k3sdouble.kine;

import java.util.List;

/**
 * kine's table in each SQL datastore, as k3s-io/kine creates it (pkg/drivers/pgsql/pgsql.go,
 * pkg/drivers/mysql/mysql.go): the same name, columns and indexes, so an operator inspecting the
 * datastore of a lab cluster sees what a real K3s would have made.
 */
public enum KineDialect {
    POSTGRES(List.of(
            """
            CREATE TABLE IF NOT EXISTS kine (
              id BIGSERIAL PRIMARY KEY,
              name text COLLATE "C",
              created INTEGER,
              deleted INTEGER,
              create_revision BIGINT,
              prev_revision BIGINT,
              lease INTEGER,
              value bytea,
              old_value bytea
            )""",
            "CREATE INDEX IF NOT EXISTS kine_name_index ON kine (name)",
            "CREATE INDEX IF NOT EXISTS kine_name_id_index ON kine (name,id)",
            "CREATE INDEX IF NOT EXISTS kine_id_deleted_index ON kine (id,deleted)",
            "CREATE INDEX IF NOT EXISTS kine_prev_revision_index ON kine (prev_revision)",
            "CREATE UNIQUE INDEX IF NOT EXISTS kine_name_prev_revision_uindex ON kine (name, prev_revision)",
            "CREATE INDEX IF NOT EXISTS kine_list_query_index ON kine (name, id DESC, deleted)")),
    MYSQL(List.of(
            """
            CREATE TABLE IF NOT EXISTS kine (
              id BIGINT UNSIGNED AUTO_INCREMENT,
              name VARCHAR(630) CHARACTER SET ascii,
              created INTEGER,
              deleted INTEGER,
              create_revision BIGINT UNSIGNED,
              prev_revision BIGINT UNSIGNED,
              lease INTEGER,
              value MEDIUMBLOB,
              old_value MEDIUMBLOB,
              PRIMARY KEY (id)
            )""",
            "CREATE INDEX kine_name_index ON kine (name)",
            "CREATE INDEX kine_name_id_index ON kine (name,id)",
            "CREATE INDEX kine_id_deleted_index ON kine (id,deleted)",
            "CREATE INDEX kine_prev_revision_index ON kine (prev_revision)",
            "CREATE UNIQUE INDEX kine_name_prev_revision_uindex ON kine (name, prev_revision)"));

    private final List<String> schema;

    KineDialect(List<String> schema) {
        this.schema = schema;
    }

    public List<String> schema() {
        return schema;
    }

    /** MySQL has no CREATE INDEX IF NOT EXISTS: kine treats "duplicate key name" (1061) as done. */
    public boolean isAlreadyThere(java.sql.SQLException e) {
        return this == MYSQL && e.getErrorCode() == 1061;
    }
}
