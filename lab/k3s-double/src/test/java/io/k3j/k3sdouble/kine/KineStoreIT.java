package io.k3j.k3sdouble.kine;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** kine's table and its revision rules on the lab's real PostgreSQL (host1) and MariaDB (host2). */
@LabTopology("minimal")
class KineStoreIT {
    private static String postgresUrl;
    private static String mysqlUrl;

    @BeforeAll
    static void startTheDatastores(Lab lab) {
        lab.exec("host1", "sh", "-c", String.join(" && ",
                "echo \"listen_addresses = '*'\" > /etc/postgresql/15/main/conf.d/lab.conf",
                "echo 'host all all 10.213.0.0/24 scram-sha-256' >> /etc/postgresql/15/main/pg_hba.conf",
                "systemctl start postgresql@15-main",
                "su postgres -c \"psql -q -c \\\"CREATE ROLE k3s LOGIN PASSWORD 'pw'\\\" -c 'CREATE DATABASE kubernetes OWNER k3s'\""))
                .orThrow("start PostgreSQL on host1");
        lab.exec("host2", "sh", "-c", String.join(" && ",
                "printf '[mysqld]\\nbind-address = 0.0.0.0\\n' > /etc/mysql/mariadb.conf.d/90-lab.cnf",
                "systemctl start mariadb",
                "mysql -e \"CREATE DATABASE kubernetes; CREATE USER 'k3s'@'%' IDENTIFIED BY 'pw'; "
                        + "GRANT ALL ON kubernetes.* TO 'k3s'@'%';\""))
                .orThrow("start MariaDB on host2");
        postgresUrl = "jdbc:postgresql://" + lab.host("host1").address() + ":5432/kubernetes";
        mysqlUrl = "jdbc:mariadb://" + lab.host("host2").address() + ":3306/kubernetes";
    }

    private static Connection connect(KineDialect dialect) throws SQLException {
        return DriverManager.getConnection(dialect == KineDialect.POSTGRES ? postgresUrl : mysqlUrl, "k3s", "pw");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(KineDialect.class)
    void theTableHasKinesColumnsAndIndexesAndCreatingItTwiceIsFine(KineDialect dialect) throws SQLException {
        try (Connection connection = connect(dialect)) {
            KineStore store = new KineStore(() -> connection, dialect);
            store.ensureSchema();
            store.ensureSchema();

            List<String> columns = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getColumns(null, null, "kine", null)) {
                while (rows.next()) {
                    columns.add(rows.getString("COLUMN_NAME"));
                }
            }
            assertThat(columns).containsExactly("id", "name", "created", "deleted", "create_revision", "prev_revision",
                    "lease", "value", "old_value");
            List<String> indexes = new ArrayList<>();
            try (ResultSet rows = connection.getMetaData().getIndexInfo(null, null, "kine", false, false)) {
                while (rows.next()) {
                    indexes.add(rows.getString("INDEX_NAME"));
                }
            }
            assertThat(indexes).contains("kine_name_index", "kine_name_id_index", "kine_id_deleted_index",
                    "kine_prev_revision_index", "kine_name_prev_revision_uindex");
        }
    }

    @ParameterizedTest
    @EnumSource(KineDialect.class)
    void keysAreCreatedOnceAndUpdatedOnlyFromTheirCurrentRevision(KineDialect dialect) throws SQLException {
        try (Connection connection = connect(dialect)) {
            KineStore store = new KineStore(() -> connection, dialect);
            store.ensureSchema();
            String key = "/registry/minions/node-" + dialect.name().toLowerCase();

            assertThat(store.create(key, bytes("v1"))).isTrue();
            assertThat(store.create(key, bytes("again"))).isFalse();
            KineRow first = store.get(key).orElseThrow();
            assertThat(first.value()).isEqualTo(bytes("v1"));

            assertThat(store.update(key, first.revision(), bytes("v2"))).isTrue();
            assertThat(store.update(key, first.revision(), bytes("stale"))).isFalse();
            KineRow second = store.get(key).orElseThrow();
            assertThat(second.value()).isEqualTo(bytes("v2"));
            assertThat(second.revision()).isGreaterThan(first.revision());
            assertThat(second.createRevision()).isEqualTo(first.revision());

            assertThat(store.list("/registry/minions/")).extracting(KineRow::name).contains(key);
            assertThat(store.list("/registry/other/")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(KineDialect.class)
    void twoRowsCannotReplaceTheSameRevisionOfAKey(KineDialect dialect) throws SQLException {
        try (Connection connection = connect(dialect); Statement statement = connection.createStatement()) {
            new KineStore(() -> connection, dialect).ensureSchema();
            String key = "/bootstrap/race-" + dialect.name().toLowerCase();
            String insert = "INSERT INTO kine (name, created, deleted, create_revision, prev_revision, lease) "
                    + "VALUES ('" + key + "', 1, 0, 0, 0, 0)";
            statement.executeUpdate(insert);

            // What two servers racing to write the bootstrap data would do: only one row may follow revision 0.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> statement.executeUpdate(insert))
                    .isInstanceOf(SQLException.class);
        }
    }
}
