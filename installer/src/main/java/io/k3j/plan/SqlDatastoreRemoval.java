package io.k3j.plan;

import io.k3j.inventory.Datastore;
import io.k3j.render.TemplateRenderer;
import java.util.List;
import java.util.Map;

/**
 * What {@code reset --datastore} takes off a PostgreSQL or MariaDB k3j-install provisioned, as apply
 * set it up ({@link DatastorePlanner}): the cluster's database and user, by the inventory's names
 * (the server's other databases and users stay); then the settings, pg_hba.conf lines and
 * certificates apply wrote; then the server restarted on its own configuration, so that it no
 * longer reads files that are gone. Purging the package, where k3j-install installed it, is the
 * reset planner's, after these.
 */
final class SqlDatastoreRemoval {
    private final String cluster;
    private final TemplateRenderer renderer;

    SqlDatastoreRemoval(String cluster, TemplateRenderer renderer) {
        this.cluster = cluster;
        this.renderer = renderer;
    }

    /** {@code postgresMajor}: the PostgreSQL version on the host, whose folder holds the configuration. */
    List<Action> postgres(Datastore.Provision provision, String postgresMajor) {
        String markers = renderer.render("datastore/postgres/pg_hba.block.ftl", Map.of("cluster", cluster, "database",
                provision.database(), "user", provision.user(), "tls", provision.tls(), "clients", List.of()));
        return List.of(drop(provision, true),
                Action.remove("remove the k3j-install block from pg_hba.conf (the K3s servers' lines)",
                        new Operation.RemoveBlock(DatastorePlanner.postgresHba(postgresMajor, markers))),
                ResetPlanner.removePaths("remove the settings and certificates k3j-install wrote",
                        List.of(DatastorePlanner.postgresSettings(postgresMajor), Paths.POSTGRES_TLS)),
                Action.start("restart postgresql on its own configuration, and wait until it accepts connections (pg_isready)",
                        new Operation.Services(List.of("postgresql"), new Operation.PostgresAccepting(Datastore.Type.postgres.defaultPort()))));
    }

    List<Action> mysql(Datastore.Provision provision) {
        return List.of(drop(provision, false),
                ResetPlanner.removePaths("remove the settings and certificates k3j-install wrote", List.of(Paths.MARIADB_CONFIG, Paths.MARIADB_TLS)),
                Action.start("restart mariadb on its own configuration",
                        new Operation.Services(List.of("mariadb"), new Operation.Listening(Datastore.Type.mysql.defaultPort()))));
    }

    /** The database and user dropped by the database's superuser; in a dry run only asked whether they are there. */
    private Action drop(Datastore.Provision provision, boolean postgres) {
        String dialect = postgres ? "postgres" : "mysql";
        String what = "the database " + provision.database() + " and the user " + provision.user();
        return Action.remove("drop " + what + " (" + (postgres ? "psql as postgres" : "mysql as root")
                + ", the script on standard input); the server's other databases and users stay",
                new Operation.Script(what, script(dialect, provision, false, postgres), script(dialect, provision, true, postgres),
                        "run the reset again"));
    }

    private String script(String dialect, Datastore.Provision provision, boolean probe, boolean postgres) {
        String sql = renderer.render("datastore/" + dialect + "/drop.sql.ftl", Map.of("database", provision.database(),
                "user", provision.user(), "probe", probe));
        return renderer.render("datastore/drop-database.sh.ftl", Map.of("postgres", postgres, "sql", sql));
    }
}
