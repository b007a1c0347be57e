package io.k3j.apply;

import static io.k3j.apply.Change.CHANGED;
import static io.k3j.apply.Change.UNCHANGED;
import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.plan.Action;
import io.k3j.plan.HostPlan;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.plan.Step;
import io.k3j.ssh.Content;
import io.k3j.ssh.RunLog;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Air-gap files from the operator's machine, carried out on a host of files in memory. */
class HostApplierTest {
    private static final String SERVER = "198.51.100.11";
    private static final String IMPORT = "echo import\n";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final FakeHost host = fakes.host(SERVER).on("import", FakeHost.script(IMPORT), FakeHost.ok());
    private HostApplier applier;

    @BeforeEach
    void connect() {
        ConnectedHosts hosts = new ConnectedHosts(Map.of(SERVER, host), Map.of(), RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        ApplyContext context = new ApplyContext(ExampleInventories.load("airgap.yaml"), hosts, Duration.ofSeconds(5),
                Clock.systemUTC(), DatastoreProbe.OVER_THE_NETWORK, Wet.APPLY);
        applier = new HostApplier(context, SilentListener.INSTANCE);
    }

    /** The binary uploaded, then a script that depends on it. */
    private List<Change> apply(Path binary) {
        HostPlan plan = new HostPlan(SERVER, "first server", List.of(
                Action.install("upload k3s", new Operation.CopyFromOperator(binary, "/usr/local/bin/k3s", "0755")),
                Action.run("import", new Operation.RunOnChange("import", IMPORT))));
        return applier.apply(Step.SERVERS, plan).outcomes().stream().map(ActionOutcome::change).toList();
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
}
