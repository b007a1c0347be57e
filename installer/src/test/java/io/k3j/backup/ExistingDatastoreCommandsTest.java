package io.k3j.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.inventory.Datastore;
import io.k3j.plan.Paths;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExistingDatastoreCommandsTest {
    /** A password with what a shell, a URL, a pgpass line and an option file each take apart: percent-encoded in the URL. */
    private static final String PASSWORD = "p'a:s\\s$(id)`w\"#d";
    private static final String POSTGRES_URL = "postgres://k3s:p%27a%3As%5Cs%24%28id%29%60w%22%23d@198.51.100.5:5433/k3s'db";
    /** The same but for '"': a MySQL DSN carries a password as it is, and an option file value cannot hold both quote marks. */
    private static final String MYSQL_PASSWORD = "p'a:s\\s$(id)`w#d";
    private static final Optional<String> FOLDER = Optional.of("/tmp/tmp.Ab12");
    private static final Datastore.Tls CLIENT_TLS = new Datastore.Tls(Path.of("ca.pem"), Optional.of(Path.of("client.pem")),
            Optional.of(Path.of("client-key.pem")));

    private static ExistingDatastoreCommands commands(Datastore.Type type, String endpoint, Optional<Datastore.Tls> tls) {
        return ExistingDatastoreCommands.of(new Datastore(type, Optional.empty(), tls, Optional.empty()), endpoint);
    }

    @Test
    void postgresIsReachedThroughLibpqsEnvironmentThePasswordOnlyInThePasswordFile() {
        ExistingDatastoreCommands postgres = commands(Datastore.Type.postgres, POSTGRES_URL, Optional.of(CLIENT_TLS));

        assertThat(postgres.credentials()).contains("*:*:*:*:p'a\\:s\\\\s$(id)`w\"#d\n");
        assertThat(postgres.dump(FOLDER)).isEqualTo("d='/tmp/tmp.Ab12'; trap 'rm -rf \"$d\"' EXIT; trap 'exit 1' HUP PIPE TERM; "
                + "PGPASSFILE=\"$d\"/pgpass PGHOST='198.51.100.5' PGPORT='5433' PGUSER='k3s' PGSSLMODE='verify-full' "
                + "PGSSLROOTCERT='" + Paths.DATASTORE_CA + "' PGSSLCERT='" + Paths.DATASTORE_CERT + "' PGSSLKEY='" + Paths.DATASTORE_KEY
                + "' pg_dump --format=custom --compress=1 --no-password --dbname='k3s'\\''db'; exit $?");
        assertThat(postgres.load(FOLDER)).contains("pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error "
                + "--no-password --dbname='k3s'\\''db'; exit $?").contains("PGPASSFILE=\"$d\"/pgpass");
        assertThat(postgres.dump(FOLDER) + postgres.load(FOLDER)).doesNotContain("s$(id)").doesNotContain("a:s");
    }

    @Test
    void theEndpointsSslmodeWinsAndWithoutTlsFilesOrPasswordNothingIsAdded() {
        ExistingDatastoreCommands postgres = commands(Datastore.Type.postgres,
                "postgres://k3s@db.example.com/k3s?sslmode=verify-ca&application_name=x", Optional.of(CLIENT_TLS));
        ExistingDatastoreCommands plain = commands(Datastore.Type.postgres, "postgres://k3s@db.example.com/k3s", Optional.empty());

        assertThat(postgres.dump(Optional.empty())).contains("PGSSLMODE='verify-ca'").doesNotContain("PGPASSFILE").doesNotContain("trap");
        assertThat(postgres.credentials()).isEmpty();
        assertThat(plain.dump(Optional.empty())).isEqualTo("PGHOST='db.example.com' PGPORT='5432' PGUSER='k3s' "
                + "pg_dump --format=custom --compress=1 --no-password --dbname='k3s'");
    }

    @Test
    void mysqlGetsEverythingButTheDatabaseFromAnOptionFileThePasswordQuoted() {
        ExistingDatastoreCommands mysql = commands(Datastore.Type.mysql, "mysql://k3s:" + MYSQL_PASSWORD + "@tcp(198.51.100.5:3306)/k3s",
                Optional.of(CLIENT_TLS));

        assertThat(mysql.credentials()).hasValueSatisfying(file -> assertThat(file)
                .startsWith("[client]\nuser=\"k3s\"\npassword=\"p'a:s\\\\s$(id)`w#d\"\nhost=\"198.51.100.5\"\nport=\"3306\"\n"));
        assertThat(mysql.dump(FOLDER)).isEqualTo("d='/tmp/tmp.Ab12'; trap 'rm -rf \"$d\"' EXIT; trap 'exit 1' HUP PIPE TERM; "
                + "mysqldump --defaults-extra-file=\"$d\"/client.cnf --single-transaction --hex-blob --default-character-set=utf8mb4 "
                + "--add-drop-table --no-tablespaces 'k3s'; exit $?");
        assertThat(mysql.load(FOLDER)).isEqualTo("d='/tmp/tmp.Ab12'; trap 'rm -rf \"$d\"' EXIT; trap 'exit 1' HUP PIPE TERM; "
                + "mysql --defaults-extra-file=\"$d\"/client.cnf --default-character-set=utf8mb4 'k3s'; exit $?");
    }

    @Test
    void mysqlsOptionFileHasTheLoginOverTcpAndTheServerCertificateChecked() {
        ExistingDatastoreCommands mysql = commands(Datastore.Type.mysql, "mysql://k3s:se\"cret@tcp(localhost:3307)/k3s",
                Optional.of(CLIENT_TLS));

        assertThat(mysql.credentials()).contains("[client]\nuser=\"k3s\"\npassword='se\"cret'\nhost=\"localhost\"\nport=\"3307\"\n"
                + "protocol=\"TCP\"\nssl-ca=\"" + Paths.DATASTORE_CA + "\"\nssl-cert=\"" + Paths.DATASTORE_CERT + "\"\nssl-key=\""
                + Paths.DATASTORE_KEY + "\"\nssl-verify-server-cert\n");
    }

    @Test
    void etcdIsSnapshottedFromTheFirstMemberWithK3sClientFiles() {
        ExistingDatastoreCommands etcd = commands(Datastore.Type.etcd, "https://203.0.113.5:2379,https://203.0.113.6:2379",
                Optional.of(CLIENT_TLS));

        assertThat(etcd.credentials()).isEmpty();
        assertThat(etcd.dump(Optional.empty())).isEqualTo("d=$(mktemp -d) && trap 'rm -rf \"$d\"' EXIT && etcdctl "
                + "--endpoints='https://203.0.113.5:2379' --cacert='" + Paths.DATASTORE_CA + "' --cert='" + Paths.DATASTORE_CERT
                + "' --key='" + Paths.DATASTORE_KEY + "' snapshot save \"$d/snapshot.db\" >&2 && cat \"$d/snapshot.db\"");
        assertThatThrownBy(() -> etcd.load(Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCredentialsAreWrittenFromStandardInputIntoAPrivateFolder() {
        assertThat(commands(Datastore.Type.mysql, "mysql://k3s:x@tcp(h:3306)/k3s", Optional.empty()).writeCredentials())
                .isEqualTo("umask 077 && d=$(mktemp -d) && cat > \"$d\"/client.cnf && printf '%s\\n' \"$d\"");
    }

    @Test
    void eachTypeNamesItsToolsAndTheirDebianPackage() {
        assertThat(ExistingDatastoreCommands.toolCheck(Datastore.Type.postgres, true)).isEqualTo("command -v pg_restore >/dev/null");
        assertThat(ExistingDatastoreCommands.tool(Datastore.Type.mysql, false)).isEqualTo("mysqldump");
        assertThat(ExistingDatastoreCommands.debianPackage(Datastore.Type.postgres)).isEqualTo("postgresql-client");
        assertThat(ExistingDatastoreCommands.debianPackage(Datastore.Type.mysql)).isEqualTo("mariadb-client");
        assertThat(ExistingDatastoreCommands.debianPackage(Datastore.Type.etcd)).isEqualTo("etcd-client");
    }
}
