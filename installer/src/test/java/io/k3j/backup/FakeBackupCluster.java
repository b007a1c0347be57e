package io.k3j.backup;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.WaveRunner;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.SecretResolver;
import io.k3j.plan.Paths;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeCluster;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What the backup and restore tests start from: {@code inventories/airgap.yaml} (PostgreSQL
 * provisioned on {@link #DB}, two servers) taught to fake hosts by {@link FakeCluster}, connected
 * as the commands connect, one host at a time, with the run's log in {@link #log}.
 */
final class FakeBackupCluster {
    static final String DB = "198.51.100.5";
    static final List<String> SERVERS = List.of("198.51.100.11", "198.51.100.12");
    /** The password of {@link #TOKEN}: never in a log. */
    static final String PASSWORD = "0123456789abcdef".repeat(2);
    static final String TOKEN = "K10" + "ab".repeat(32) + "::server:" + PASSWORD;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T01:02:03Z"), ZoneOffset.UTC);

    @FunctionalInterface
    interface OnHosts<T> {
        T run(ConnectedHosts hosts) throws Exception;
    }

    final Inventory inventory;
    final Path log;
    private final FakeHosts fakes;
    private final Map<String, String> environment;

    FakeBackupCluster(FakeHosts fakes, Path log) {
        this(fakes, log, ExampleInventories.load("airgap.yaml"), Map.of());
    }

    /** Another inventory, its secrets' references resolved from {@code environment}. */
    FakeBackupCluster(FakeHosts fakes, Path log, Inventory inventory, Map<String, String> environment) {
        this.inventory = inventory;
        this.fakes = fakes;
        this.log = log;
        this.environment = environment;
        new FakeCluster(inventory, fakes);
    }

    SecretResolver secrets() {
        return new InventoryLoader(environment::get).secrets(inventory);
    }

    /** The first server with {@link #TOKEN} in its token file, as K3s wrote it. */
    FakeBackupCluster withToken() {
        fakes.host(SERVERS.get(0)).put(Paths.SERVER_TOKEN, TOKEN + "\n");
        return this;
    }

    <T> T connected(OnHosts<T> work) throws Exception {
        WaveRunner runner = new WaveRunner(1, CLOCK);
        try (ConnectedHosts hosts = ConnectedHosts.connect(inventory, fakes, RunLog.create(log, CLOCK), runner)) {
            return work.run(hosts);
        }
    }

    /** A backup into {@code folder}/, as {@code k3j-install backup} takes it. */
    ClusterBackup.Taken backup(Path folder) throws Exception {
        return connected(hosts -> new ClusterBackup(inventory, secrets(), hosts, CLOCK).take(folder));
    }
}
