package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.WaveRunner;
import io.k3j.backup.UpgradeBackup;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.Paths;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeCluster;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BeforeUpgradeTest {
    private static final String DB = "198.51.100.5";
    private static final String S1 = "198.51.100.11";
    private static final String TOKEN = "K10" + "ab".repeat(32) + "::server:" + "0123456789abcdef".repeat(2);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T01:02:03Z"), ZoneOffset.UTC);
    private static final List<String> MOVING = List.of(S1 + " (v1.30.8+k3s1 -> v1.31.4+k3s1)");

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    @TempDir
    Path temp;

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");
    private final StringWriter out = new StringWriter();
    private final Output json = new Output(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), true, 0, new Style(false));

    @Test
    void theBackupIsTakenIntoTheFolderThePlanNamedAndItsPathIsInTheEvents() throws Exception {
        new FakeCluster(inventory, fakes);
        fakes.host(S1).put(Paths.SERVER_TOKEN, TOKEN + "\n");
        fakes.host(DB).on("pg_dump", FakeHost.command("pg_dump --format=custom"), FakeHost.ok("PGDMP the kine table"));
        UpgradeBackup backup = UpgradeBackup.decide(inventory, MOVING, Optional.of(temp.resolve("backups")));

        BeforeUpgrade.show(backup, json);
        take(backup);

        Path folder = temp.resolve("backups/" + inventory.name() + "-20261202T010203Z");
        assertThat(folder.resolve("datastore.pgdump")).hasContent("PGDMP the kine table");
        assertThat(out.toString().lines().toList()).satisfiesExactly(
                said -> assertThat(said).contains("\"event\":\"upgrade-backup\"", "\"backup\":\"take\"", temp.resolve("backups").toString()),
                taken -> assertThat(taken).contains("\"event\":\"backup\"", "\"path\":\"" + folder + "\""));
    }

    @Test
    void aBackupThatFailsStopsTheUpgradeWithExit4NamingTheDatastoreHostAndTheWayWithoutOne() throws Exception {
        new FakeCluster(inventory, fakes);
        fakes.host(S1).put(Paths.SERVER_TOKEN, TOKEN + "\n");
        fakes.host(DB).on("pg_dump", FakeHost.command("pg_dump"),
                new ExecResult(1, "", "pg_dump: error: connection to server failed", Duration.ZERO));
        UpgradeBackup backup = UpgradeBackup.decide(inventory, MOVING, Optional.of(temp.resolve("backups")));

        assertThatThrownBy(() -> take(backup)).isInstanceOfSatisfying(CliException.class, failure -> {
            assertThat(failure.exitCode()).isEqualTo(ExitCode.PREFLIGHT_FAILED);
            assertThat(failure.getMessage()).contains("the backup of the postgres datastore on " + DB + " before the upgrade failed",
                    "no host was changed", "pg_dump: error: connection to server failed", "--no-backup");
        });
        try (Stream<Path> left = Files.list(temp.resolve("backups"))) {
            assertThat(left).isEmpty();
        }
        assertThat(out.toString()).doesNotContain("\"event\":\"backup\"");
    }

    @Test
    void withoutABackupToTakeNoHostIsAskedAnything() throws Exception {
        new FakeCluster(inventory, fakes);

        take(UpgradeBackup.decide(inventory, MOVING, Optional.empty()));
        take(UpgradeBackup.decide(inventory, List.of(), Optional.of(temp)));

        assertThat(fakes.journal()).as("connecting gathers facts, nothing else").allMatch(line -> line.endsWith(": gather facts"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theNoBackupWarningAndItsEvent() {
        BeforeUpgrade.show(UpgradeBackup.decide(inventory, MOVING, Optional.empty()), json);

        assertThat(out.toString().lines().toList()).satisfiesExactly(
                warning -> assertThat(warning).contains("\"event\":\"warning\"", "(--no-backup)"),
                said -> assertThat(said).contains("\"event\":\"upgrade-backup\"", "\"backup\":\"declined\"", MOVING.get(0)));
    }

    @Test
    void noBackupWithABackupFolderIsAUsageError() {
        UpgradeRulesOptions options = new UpgradeRulesOptions();
        options.noBackup = true;
        options.backupDirectory = temp;

        assertThatThrownBy(() -> options.backupParent(inventory)).isInstanceOfSatisfying(CliException.class,
                failure -> assertThat(failure.exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void theBackupsGoBesideTheInventoryUnlessAFolderIsGiven() {
        UpgradeRulesOptions options = new UpgradeRulesOptions();
        assertThat(options.backupParent(inventory)).contains(inventory.directory().resolve(".k3j/backups"));

        options.backupDirectory = temp;
        assertThat(options.backupParent(inventory)).contains(temp);

        options.backupDirectory = null;
        options.noBackup = true;
        assertThat(options.backupParent(inventory)).isEmpty();
    }

    private void take(UpgradeBackup backup) throws Exception {
        try (ConnectedHosts hosts = ConnectedHosts.connect(inventory, fakes, RunLog.create(temp.resolve("run.log"), CLOCK),
                new WaveRunner(1, CLOCK))) {
            BeforeUpgrade.take(backup, inventory, new InventoryLoader(name -> null).secrets(inventory), hosts, json, CLOCK);
        }
    }
}
