package io.k3j.apply;

import static io.k3j.apply.Change.CHANGED;
import static io.k3j.apply.Change.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.k3j.facts.FactsParser;
import io.k3j.plan.Action;
import io.k3j.plan.HostPlan;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.plan.Step;
import io.k3j.ssh.Content;
import io.k3j.ssh.RunLog;
import io.k3j.ssh.Sha256;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Air-gap files from the operator's machine, a unit in the way, a script and its probe: carried out, or run dry, on a host of files in memory. */
class HostApplierTest {
    private static final String SERVER = "198.51.100.11";
    private static final String IMPORT = "echo import\n";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final FakeHost host = fakes.host(SERVER).on("import", FakeHost.script(IMPORT), FakeHost.ok());
    private HostApplier applier;
    private HostApplier dryRun;

    @BeforeEach
    void connect() {
        ConnectedHosts hosts = new ConnectedHosts(Map.of(SERVER, host), Map.of(), RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        applier = applier(hosts, Wet.APPLY);
        dryRun = applier(hosts, Wet.DRY_RUN);
    }

    private static HostApplier applier(ConnectedHosts hosts, Wet wet) {
        ApplyContext context = new ApplyContext(ExampleInventories.load("airgap.yaml"), hosts, Duration.ofSeconds(5),
                Clock.systemUTC(), DatastoreProbe.OVER_THE_NETWORK, wet);
        return new HostApplier(context, SilentListener.INSTANCE);
    }

    /** The binary uploaded, then a script that depends on it. */
    private List<Change> apply(Path binary) {
        return run(applier, binary).stream().map(ActionOutcome::change).toList();
    }

    private List<ActionOutcome> run(HostApplier interpreter, Path binary) {
        HostPlan plan = new HostPlan(SERVER, "first server", List.of(
                Action.install("upload k3s", new Operation.CopyFromOperator(binary, "/usr/local/bin/k3s", "0755")),
                Action.run("import", new Operation.RunOnChange("import", IMPORT))));
        return interpreter.apply(Step.SERVERS, plan).outcomes();
    }

    @Test
    void aDryRunComparesTheOperatorsFileByItsSha256AndSaysWhatWouldRerunAndWhy() throws IOException {
        Path binary = Files.writeString(temp.resolve("k3s"), "k3s binary");
        host.on("sha256", FakeHost.script("\\Asha256sum -- '/usr/local/bin/k3s' 2>/dev/null \\|\\| true\\z"),
                sent -> FakeHost.ok(host.file("/usr/local/bin/k3s").map(file -> Sha256.of(file.bytes()) + "  /usr/local/bin/k3s\n").orElse("")));

        assertThat(run(dryRun, binary)).extracting(ActionOutcome::change, ActionOutcome::detail).containsExactly(
                tuple(Change.ADDED, "upload k3s"), tuple(Change.CHANGED, "import: /usr/local/bin/k3s changed"));
        assertThat(fakes.journal()).containsExactly(SERVER + ": sha256");
        apply(binary);
        fakes.clearJournal();

        assertThat(run(dryRun, binary)).extracting(ActionOutcome::change).containsExactly(UNCHANGED, UNCHANGED);
        assertThat(fakes.journal()).containsExactly(SERVER + ": sha256");
    }

    @Test
    void aPackagesOwnUnitInTheWayIsDisabledOnlyWhenEnabledOrRunningAndADryRunOnlyLooks() {
        AtomicBoolean enabled = new AtomicBoolean(true);
        host.on("is etcd.service there", FakeHost.script("\\Asystemctl is-enabled --quiet 'etcd.service'"),
                        sent -> enabled.get() ? FakeHost.ok() : FakeHost.exit(1, ""))
                .on("disable etcd.service", FakeHost.script("\\Asystemctl disable --now 'etcd.service'\\z"), sent -> {
                    enabled.set(false);
                    return FakeHost.ok();
                });
        HostPlan plan = new HostPlan(SERVER, "datastore", List.of(Action.install("stop etcd", new Operation.DisableUnit("etcd.service"))));

        assertThat(dryRun.apply(Step.DATASTORE, plan).outcomes()).extracting(ActionOutcome::change).containsExactly(Change.REMOVED);
        assertThat(fakes.journal()).containsExactly(SERVER + ": is etcd.service there");
        assertThat(applier.apply(Step.DATASTORE, plan).outcomes()).extracting(ActionOutcome::change).containsExactly(Change.REMOVED);
        assertThat(applier.apply(Step.DATASTORE, plan).outcomes()).extracting(ActionOutcome::change).containsExactly(UNCHANGED);
        assertThat(fakes.journal()).containsExactly(SERVER + ": is etcd.service there", SERVER + ": is etcd.service there",
                SERVER + ": disable etcd.service", SERVER + ": is etcd.service there");
    }

    @Test
    void aDryRunRunsAScriptsProbeNeverTheScript() {
        host.on("probe", FakeHost.script("\\Aprobe\\n\\z"), FakeHost.ok("k3s v1 to be installed\n" + Operation.Script.CHANGED + "\n"));
        HostPlan plan = new HostPlan(SERVER, "server", List.of(Action.install("install k3s v1",
                new Operation.Script("k3s v1", "install\n", "probe\n"))));

        assertThat(dryRun.apply(Step.SERVERS, plan).outcomes()).extracting(ActionOutcome::change, ActionOutcome::detail)
                .containsExactly(tuple(Change.CHANGED, "install k3s v1"));
        assertThat(fakes.journal()).containsExactly(SERVER + ": probe");
    }

    @Test
    void aFailedScriptSaysWhatToRunAgainOnceTheCauseIsFixed() {
        host.on("drop", FakeHost.script("\\Adrop\\n\\z"), FakeHost.exit(1, "psql: error: connection to server failed"));
        HostPlan plan = new HostPlan(SERVER, "datastore", List.of(Action.remove("drop the database",
                new Operation.Script("the database", "drop\n", "probe\n", "run the reset again"))));

        assertThatThrownBy(() -> applier.apply(Step.DATASTORE, plan)).isInstanceOfSatisfying(StepFailure.class, failure -> {
            assertThat(failure.getMessage()).contains("psql: error: connection to server failed");
            assertThat(failure.fix()).isEqualTo("the run log has the whole output; fix the cause and run the reset again");
        });
    }

    @Test
    void anOperatorsFileGoesToTheHostAsAStreamOfThatFileNotAsBytesReadByApply() throws IOException {
        Path binary = Files.writeString(temp.resolve("k3s"), "k3s binary");

        assertThat(apply(binary)).containsExactly(CHANGED, CHANGED);

        assertThat(host.uploads().get(0).content()).isInstanceOfSatisfying(Content.LocalFile.class,
                file -> assertThat(file.path()).isEqualTo(binary.toAbsolutePath()));
        assertThat(host.file("/usr/local/bin/k3s")).map(FakeHost.File::text).hasValue("k3s binary");
    }

    @Test
    void theSameFileAgainChangesNothingAndANewOneRerunsWhatDependsOnIt() throws IOException {
        Path binary = Files.writeString(temp.resolve("k3s"), "k3s binary");
        apply(binary);
        fakes.clearJournal();

        assertThat(apply(binary)).containsExactly(UNCHANGED, UNCHANGED);
        assertThat(fakes.journal()).isEmpty();
        Files.writeString(binary, "k3s binary, next release");
        assertThat(apply(binary)).containsExactly(CHANGED, CHANGED);
        assertThat(fakes.journal()).containsExactly(SERVER + ": write /usr/local/bin/k3s", SERVER + ": import",
                SERVER + ": write " + Paths.STAMPS + "/import");
    }

    @Test
    void aNodesCordonAndDrainBeforeItsUpgradeLeaveNoTraceInTheStampSoThePlanAfterItRestartsNothing() throws IOException {
        Path binary = Files.writeString(temp.resolve("k3s"), "k3s binary");
        host.on("get node", FakeHost.command("kubectl get node "), FakeHost.ok("")).on("get node (script)", FakeHost.script("kubectl get node "),
                FakeHost.ok(""));
        ConnectedHosts hosts = new ConnectedHosts(Map.of(SERVER, host), Map.of(SERVER, FactsParser.parse("hostname=server-1\n")),
                RunLog.create(temp.resolve("upgrade.log"), Clock.systemUTC()));
        HostApplier upgrading = applier(hosts, Wet.APPLY);
        String next = "v1.31.4+k3s1";
        upgrading.apply(Step.SERVERS, new HostPlan(SERVER, "first server", List.of(
                Action.install("upload k3s", new Operation.CopyFromOperator(binary, "/usr/local/bin/k3s", "0755")),
                Action.rollout("cordon", new Operation.Cordon(next)),
                Action.rollout("drain", new Operation.Drain(next, Duration.ofSeconds(30))),
                Action.run("import", new Operation.RunOnChange("import", IMPORT)))));
        fakes.clearJournal();

        assertThat(run(upgrading, binary)).extracting(ActionOutcome::change).containsExactly(UNCHANGED, UNCHANGED);
        assertThat(fakes.journal()).isEmpty();
    }
}
