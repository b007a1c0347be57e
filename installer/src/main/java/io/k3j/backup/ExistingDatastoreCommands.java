package io.k3j.backup;

import io.k3j.datastore.Endpoint;
import io.k3j.inventory.Datastore;
import io.k3j.plan.Paths;
import io.k3j.render.MysqlOptionFile;
import io.k3j.render.PgPassFile;
import io.k3j.ssh.Shell;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands that dump and load a datastore k3j-install did not provision
 * ({@code spec.datastore.endpoint}), run as root on the first server with what K3s there reaches it
 * with: the endpoint's address, user and database, and the TLS files apply put beside config.yaml
 * ({@link Paths#DATASTORE_CA}, {@link Paths#DATASTORE_CERT}, {@link Paths#DATASTORE_KEY}).
 *
 * <p>The password never reaches a command line or a file another user may read: {@link
 * #writeCredentials} writes it from standard input into a folder of its own ({@code mktemp -d},
 * 0700, the file 0600), and the dump or load that uses it ({@code PGPASSFILE}, MySQL's
 * {@code --defaults-extra-file}) removes that folder when it ends, whatever ends it. Every value goes
 * in through {@link Shell#quote}, {@link PgPassFile} or {@link MysqlOptionFile}.
 */
public final class ExistingDatastoreCommands {
    private final Datastore.Type type;
    private final Endpoint endpoint;
    private final Optional<String> sslMode;
    private final Optional<Datastore.Tls> tls;

    private ExistingDatastoreCommands(Datastore.Type type, Endpoint endpoint, Optional<String> sslMode, Optional<Datastore.Tls> tls) {
        this.type = type;
        this.endpoint = endpoint;
        this.sslMode = sslMode;
        this.tls = tls;
    }

    /** For the inventory's existing datastore, its endpoint resolved (secrets in). */
    public static ExistingDatastoreCommands of(Datastore datastore, String resolvedEndpoint) {
        Endpoint parsed = Endpoint.parse(resolvedEndpoint);
        Optional<String> sslMode = parsed.type() == Endpoint.Type.POSTGRES
                ? Endpoint.postgresParameter(resolvedEndpoint, "sslmode") : Optional.empty();
        return new ExistingDatastoreCommands(datastore.type(), parsed, sslMode, datastore.tls());
    }

    /** The client tool that dumps ({@code load} false) or loads a datastore of this type. */
    public static String tool(Datastore.Type type, boolean load) {
        return switch (type) {
            case postgres -> load ? "pg_restore" : "pg_dump";
            case mysql -> load ? "mysql" : "mysqldump";
            case etcd -> "etcdctl";
        };
    }

    /** The Debian package that has {@link #tool}. */
    public static String debianPackage(Datastore.Type type) {
        return switch (type) {
            case postgres -> "postgresql-client";
            case mysql -> "mariadb-client";
            case etcd -> "etcd-client";
        };
    }

    /** Succeeds when {@link #tool} is on root's PATH. */
    public static String toolCheck(Datastore.Type type, boolean load) {
        return "command -v " + tool(type, load) + " >/dev/null";
    }

    /** What {@link #writeCredentials} writes, the password in it; empty when there is nothing to write (etcd, a login without password). */
    public Optional<String> credentials() {
        return switch (type) {
            case postgres -> endpoint.password().map(PgPassFile::forAnyServer);
            case mysql -> Optional.of(mysqlOptions());
            case etcd -> Optional.empty();
        };
    }

    /** The password the credentials hold, to be masked in the run log. */
    public Optional<String> password() {
        return endpoint.password();
    }

    /** Makes a private folder, writes standard input into {@link #credentialsFile()} in it, and prints the folder's path. */
    public String writeCredentials() {
        return "umask 077 && d=$(mktemp -d) && cat > \"$d\"/" + credentialsFile() + " && printf '%s\\n' \"$d\"";
    }

    /**
     * The command that prints the whole dump on its standard output (and only there); {@code
     * credentials} the folder {@link #writeCredentials} printed, when it ran.
     */
    public String dump(Optional<String> credentials) {
        return switch (type) {
            case postgres -> withCredentials(credentials, postgresEnvironment(credentials)
                    + "pg_dump --format=custom --compress=1 --no-password --dbname=" + Shell.quote(endpoint.database()));
            // --no-tablespaces: MySQL 8 asks for the PROCESS privilege to dump them, which K3s' user need not have.
            case mysql -> withCredentials(credentials, "mysqldump --defaults-extra-file=\"$d\"/" + credentialsFile()
                    + " --single-transaction --hex-blob --default-character-set=utf8mb4 --add-drop-table --no-tablespaces "
                    + Shell.quote(endpoint.database()));
            case etcd -> DatastoreCommands.etcdSnapshot(etcdClient());
        };
    }

    /**
     * For PostgreSQL and MySQL: the command that drops what the dump holds and loads it into the
     * endpoint's database, reading the dump on its standard input. {@code --no-owner}: the objects
     * belong to the endpoint's user, whoever owned them where the dump was taken.
     */
    public String load(Optional<String> credentials) {
        return switch (type) {
            case postgres -> withCredentials(credentials, postgresEnvironment(credentials)
                    + "pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --no-password --dbname="
                    + Shell.quote(endpoint.database()));
            case mysql -> withCredentials(credentials, "mysql --defaults-extra-file=\"$d\"/" + credentialsFile()
                    + " --default-character-set=utf8mb4 " + Shell.quote(endpoint.database()));
            case etcd -> throw new IllegalArgumentException("an existing etcd is restored on its members, not from a server");
        };
    }

    String credentialsFile() {
        return type == Datastore.Type.mysql ? "client.cnf" : "pgpass";
    }

    /**
     * {@code command} with the credentials' folder in {@code $d}, removed on any exit; the
     * {@code exit} after the command keeps the shell from running it in its own place (then no trap would run).
     */
    private static String withCredentials(Optional<String> credentials, String command) {
        return credentials.map(folder -> "d=" + Shell.quote(folder) + "; trap 'rm -rf \"$d\"' EXIT; trap 'exit 1' HUP PIPE TERM; "
                + command + "; exit $?").orElse(command);
    }

    /**
     * libpq's environment for the endpoint (PostgreSQL docs, libpq "Environment Variables"). With
     * TLS files, sslmode verify-full unless the endpoint sets its own, as kine does (pkg/drivers/pgsql).
     */
    private String postgresEnvironment(Optional<String> credentials) {
        Endpoint.HostPort server = endpoint.servers().get(0);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PGHOST", server.host());
        environment.put("PGPORT", String.valueOf(server.port()));
        endpoint.user().ifPresent(user -> environment.put("PGUSER", user));
        sslMode.or(() -> tls.map(files -> "verify-full")).ifPresent(mode -> environment.put("PGSSLMODE", mode));
        tls.ifPresent(files -> {
            environment.put("PGSSLROOTCERT", Paths.DATASTORE_CA);
            files.certFile().ifPresent(cert -> environment.put("PGSSLCERT", Paths.DATASTORE_CERT));
            files.keyFile().ifPresent(key -> environment.put("PGSSLKEY", Paths.DATASTORE_KEY));
        });
        StringBuilder out = new StringBuilder();
        credentials.ifPresent(folder -> out.append("PGPASSFILE=\"$d\"/").append(credentialsFile()).append(' '));
        environment.forEach((name, value) -> out.append(name).append('=').append(Shell.quote(value)).append(' '));
        return out.toString();
    }

    /**
     * MySQL's {@code [client]} group: the login and, with TLS files, the server's certificate checked
     * against the CA and the endpoint's host, as K3s' driver does (kine pkg/drivers/mysql). TCP
     * always, as K3s connects: to a MySQL client, "localhost" would mean the local socket.
     */
    private String mysqlOptions() {
        Endpoint.HostPort server = endpoint.servers().get(0);
        Map<String, String> options = new LinkedHashMap<>();
        endpoint.user().ifPresent(user -> options.put("user", user));
        endpoint.password().ifPresent(password -> options.put("password", password));
        options.put("host", server.host());
        options.put("port", String.valueOf(server.port()));
        options.put("protocol", "TCP");
        tls.ifPresent(files -> {
            options.put("ssl-ca", Paths.DATASTORE_CA);
            files.certFile().ifPresent(cert -> options.put("ssl-cert", Paths.DATASTORE_CERT));
            files.keyFile().ifPresent(key -> options.put("ssl-key", Paths.DATASTORE_KEY));
            options.put("ssl-verify-server-cert", null);
        });
        return MysqlOptionFile.group("client", options);
    }

    /**
     * etcdctl's flags for the first of the endpoint's members (a snapshot is taken from one member:
     * etcdctl refuses more) and the client TLS files.
     */
    private String etcdClient() {
        Endpoint.HostPort member = endpoint.servers().get(0);
        List<String> flags = new ArrayList<>();
        flags.add("--endpoints=" + Shell.quote(Endpoint.etcdUrl(member.scheme().equals("https"), member.host(), member.port())));
        tls.ifPresent(files -> {
            flags.add("--cacert=" + Shell.quote(Paths.DATASTORE_CA));
            files.certFile().ifPresent(cert -> flags.add("--cert=" + Shell.quote(Paths.DATASTORE_CERT)));
            files.keyFile().ifPresent(key -> flags.add("--key=" + Shell.quote(Paths.DATASTORE_KEY)));
        });
        return String.join(" ", flags);
    }
}
