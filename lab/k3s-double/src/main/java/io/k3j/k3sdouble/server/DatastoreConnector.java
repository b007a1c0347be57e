package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.kine.EtcdClientWarning;
import io.k3j.k3sdouble.kine.EtcdStore;
import io.k3j.k3sdouble.kine.KeyValueStore;
import io.k3j.k3sdouble.kine.KineDialect;
import io.k3j.k3sdouble.kine.KineStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Connects to the SQL datastore the way kine does: create the database when missing (PostgreSQL:
 * a warning if that fails; MySQL: fatal), then ping until it answers, once a second, logging each
 * failure (drivers/generic: "Failed to ping database connection"), then create kine's table; and
 * after that keep asking, as kine's poll loop does, logging while the datastore is away.
 */
final class DatastoreConnector {
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Log log;

    DatastoreConnector(Log log) {
        this.log = log;
    }

    /**
     * An etcd datastore: the endpoints as given, over TLS with the datastore files when set, pinged
     * until a member answers; each failure logged as K3s' etcd client logs it. A wrong CA or a
     * refused client certificate therefore keeps the server retrying, never ready, as K3s does.
     */
    KeyValueStore connectEtcd(List<URI> endpoints, DatastoreTls tls) throws InterruptedException, IOException {
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        if (tls.configured()) {
            try {
                http.sslContext(tls.sslContext());
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IOException("failed to load datastore TLS files: " + e.getMessage(), e);
            }
        }
        EtcdStore store = new EtcdStore(endpoints, http.build());
        while (true) {
            try {
                store.ping();
                keepPolling(store::ping, e -> log.raw(EtcdClientWarning.line(endpoints.get(0), e.getMessage())));
                return store;
            } catch (SQLException e) {
                log.raw(EtcdClientWarning.line(endpoints.get(0), e.getMessage()));
                Thread.sleep(RETRY.toMillis());
            }
        }
    }

    KineStore connect(SqlEndpoint endpoint) throws InterruptedException {
        KineStore store = new KineStore(() -> DriverManager.getConnection(endpoint.jdbcUrl(endpoint.database()), endpoint.properties()),
                endpoint.dialect());
        while (true) {
            try {
                createDatabase(endpoint);
                store.ensureSchema();
                log.info("Database tables and indexes are up to date");
                keepPolling(store::currentRevision, e -> log.error("fail to list latest changes: " + e.getMessage()));
                return store;
            } catch (SQLException e) {
                log.error("Failed to ping database connection: " + e.getMessage());
                Thread.sleep(RETRY.toMillis());
            }
        }
    }

    private interface Check {
        void run() throws SQLException;
    }

    /**
     * Asks the datastore once a second for as long as the server runs, as kine's poll loop asks
     * for the latest changes (pkg/logstructured/sqllog/sql.go poll) and the apiserver's etcd
     * client keeps its watches: while the datastore is away each failure is logged in their
     * words, and the store reconnects by itself once it is back.
     */
    private static void keepPolling(Check check, Consumer<SQLException> failed) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "datastore-poll");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                check.run();
            } catch (SQLException e) {
                failed.accept(e);
            }
        }, RETRY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * kine's createDBIfNotExist: MySQL's CREATE DATABASE failing is fatal (drivers/mysql); for
     * PostgreSQL everything here is a warning (drivers/pgsql), so a user allowed only into its own
     * database (pg_hba.conf) still starts.
     */
    private void createDatabase(SqlEndpoint endpoint) throws SQLException {
        if (endpoint.dialect() == KineDialect.MYSQL) {
            try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(endpoint.maintenanceDatabase()), endpoint.properties());
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE IF NOT EXISTS `" + endpoint.database() + "`");
            }
            return;
        }
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(endpoint.maintenanceDatabase()), endpoint.properties());
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + endpoint.database() + "'");
            if (!exists.next()) {
                try {
                    statement.execute("CREATE DATABASE \"" + endpoint.database() + "\"");
                } catch (SQLException e) {
                    log.warn("failed to create database " + endpoint.database() + ": " + e.getMessage());
                }
            }
        } catch (SQLException e) {
            log.warn("failed to check existence of database " + endpoint.database() + ", going to attempt create: " + e.getMessage());
            log.warn("failed to create database " + endpoint.database() + ": " + e.getMessage());
        }
    }
}
