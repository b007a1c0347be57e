package io.k3j.render;

/**
 * A PostgreSQL password file ({@code PGPASSFILE}), the way k3j-install hands {@code pg_dump} and
 * {@code pg_restore} a password without it reaching their command line: one line
 * {@code hostname:port:database:username:password}, where {@code *} matches anything and a
 * {@code :} or {@code \} in a field is escaped with {@code \} (PostgreSQL docs, libpq "The Password File").
 */
public final class PgPassFile {

    private PgPassFile() {
    }

    /** The one line that gives {@code password} to whatever host, port, database and user the client connects with. */
    public static String forAnyServer(String password) {
        return "*:*:*:*:" + field(password) + "\n";
    }

    static String field(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a line break or NUL cannot be written into a PostgreSQL password file");
        }
        return value.replace("\\", "\\\\").replace(":", "\\:");
    }
}
