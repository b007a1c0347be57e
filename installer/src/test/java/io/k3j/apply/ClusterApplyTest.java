package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.datastore.ProbeResult;
import io.k3j.inventory.Inventory;
import io.k3j.plan.NodeLabelsDiff;
import io.k3j.plan.Paths;
import io.k3j.plan.Step;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeCluster;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import io.k3j.testing.FakeRuns;
import io.k3j.certificates.ExpiryWarning;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole apply of airgap.yaml (a provisioned PostgreSQL, two servers, HAProxy, one worker) on
 * fake hosts: the waves in order, and a second apply on what the first left that changes nothing;
 * its dry run, before and after, which sends only reads.
 */
class ClusterApplyTest {
    private static final String DB = "198.51.100.5";
    private static final String S1 = "198.51.100.11";
    private static final String S2 = "198.51.100.12";
    private static final String LB = "198.51.100.21";
    private static final String W1 = "198.51.100.31";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final Inventory inventory = ExampleInventories.load("airgap.yaml");
    private final List<String> logins = new CopyOnWriteArrayList<>();
    private FakeRuns runs;

    @BeforeEach
    void runs() {
        runs = new FakeRuns(fakes, temp, (endpoint, tls, via) -> {
            logins.add(endpoint.servers().get(0).host() + ":" + endpoint.servers().get(0).port());
            return ProbeResult.fine("logged in");
        });
    }

    @Test
    void theWavesRunInOrderAndASecondApplyOnWhatTheFirstLeftSendsNothingThatChanges() throws InterruptedException {
        new FakeCluster(inventory, fakes);

        ClusterApply.Result first = apply();

        assertThat(fakes.journal()).filteredOn(ClusterApplyTest::marksAWave).containsExactly(
                DB + ": restart postgresql", DB + ": set up the role and database",
                S1 + ": tunnel to " + DB + ":5432", S2 + ": tunnel to " + DB + ":5432",
                S1 + ": restart k3s", S1 + ": get a node", S2 + ": restart k3s", S2 + ": get a node",
                LB + ": restart haproxy", LB + ": show servers state", S1 + ": check the registration address",
                W1 + ": restart k3s-agent", S1 + ": get a node",
                S1 + ": get a node", S1 + ": read the certificates", S1 + ": get a node", S2 + ": read the certificates",
                S1 + ": get a node", W1 + ": read the certificates",
                S1 + ": get nodes");
        assertThat(logins).containsExactly(DB + ":5432", DB + ":5432");
        assertThat(first.nodes()).hasSize(3);
        String serverPassword = fakes.host(S1).file(Paths.SERVER_TOKEN).orElseThrow().text().split("::server:")[1].strip();
        assertThat(fakes.host(W1).file(Paths.K3S_CONFIG).orElseThrow().text()).contains("::node:").doesNotContain(serverPassword);

        fakes.clearJournal();
        ClusterApply.Result second = apply();

        assertThat(second.changed()).isZero();
        assertThat(fakes.journal()).containsExactly(
                DB + ": gather facts", S1 + ": gather facts", S2 + ": gather facts", LB + ": gather facts", W1 + ": gather facts",
                DB + ": is postgresql active",
                S1 + ": tunnel to " + DB + ":5432", S2 + ": tunnel to " + DB + ":5432",
                S1 + ": is k3s active", S1 + ": make the links", S2 + ": is k3s active", S2 + ": make the links",
                LB + ": is haproxy active", LB + ": show servers state", S1 + ": check the registration address",
                W1 + ": is k3s-agent active", W1 + ": make the links",
                S1 + ": get a node", S1 + ": read the certificates", S1 + ": get a node", S2 + ": read the certificates",
                S1 + ": get a node", W1 + ": read the certificates",
                S1 + ": get nodes");
    }

    @Test
    void aServersCertificatesNearTheirEndAreWarnedOfByThePlanAndTheApplyAndNothingIsChangedForThem() throws InterruptedException {
        FakeCluster cluster = new FakeCluster(inventory, fakes);
        apply();
        Instant soon = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        cluster.certificatesExpireAt(S2, soon);
        fakes.clearJournal();

        ClusterApply.DryRun plan = dryRun();
        ClusterApply.Result applied = apply();

        assertThat(plan.changes()).isZero();
        assertThat(applied.changed()).isZero();
        for (List<HostReport> reports : List.of(plan.steps().stream().flatMap(step -> step.reports().stream()).toList(), applied.reports())) {
            List<ExpiryWarning> warnings = reports.stream().flatMap(report -> report.outcomes().stream())
                    .flatMap(outcome -> outcome.warnings().stream()).toList();
            assertThat(warnings).singleElement().satisfies(warning -> {
                assertThat(warning.kind()).isEqualTo(ExpiryWarning.Kind.EXPIRING);
                assertThat(warning.message("airgap.yaml")).startsWith(S2 + ": K3s certificates expire within the 90 days")
                        .contains("client-admin.crt (system:admin) at " + soon, "serving-kube-apiserver.crt (k3s) at " + soon)
                        .contains("'k3j-install certificates rotate airgap.yaml --hosts " + S2 + "'");
            });
        }
        assertThat(fakes.journal()).filteredOn(line -> line.contains("restart")).isEmpty();
    }

    @Test
    void aNewLabelOnTheWorkerIsSetThroughTheApiRestartingNothingAndItsNodeIsVerifiedWithTheLabel() throws InterruptedException {
        new FakeCluster(inventory, fakes);
        apply();
        fakes.clearJournal();
        Inventory labelled = ExampleInventories.load("airgap.yaml", text -> text.replace("{address: " + W1 + "}",
                "{address: " + W1 + ", labels: {disk: ssd}}"));

        ClusterApply.Result relabelled = runs.apply(labelled);

        assertThat(fakes.journal()).filteredOn(line -> line.contains(": write ") || line.contains(": restart ") || line.contains("set node"))
                .containsExactly(W1 + ": write " + Paths.K3S_NODE_CONFIG, S1 + ": set node labels");
        assertThat(relabelled.nodes()).filteredOn(node -> node.name().equals(node(W1)))
                .singleElement().satisfies(node -> {
                    assertThat(node.labels()).containsEntry("disk", "ssd");
                    assertThat(node.annotations()).containsEntry(NodeLabelsDiff.MANAGED_LABELS, "disk");
                });
    }

    @Test
    void labelsAndTaintsAndTheDedicatedControlPlaneChangeAndGoThroughTheApiLeavingOthersLabelsAndRestartingNothing()
            throws InterruptedException {
        FakeCluster cluster = new FakeCluster(inventory, fakes);
        runs.apply(ExampleInventories.load("airgap.yaml", text -> text.replace("{address: " + W1 + "}",
                "{address: " + W1 + ", labels: {disk: ssd, zone: a}, taints: [\"old=x:NoExecute\"]}")));
        cluster.labelByHand(W1, "team", "web");
        Inventory changed = ExampleInventories.load("airgap.yaml", text -> text
                .replace("{address: " + W1 + "}", "{address: " + W1 + ", labels: {disk: hdd}, taints: [\"gpu=true:NoSchedule\"]}")
                .replace("  servers:\n", "  servers:\n    dedicatedControlPlane: true\n"));
        fakes.clearJournal();

        ClusterApply.DryRun plan = dryRunOf(changed);

        assertThat(parts(plan)).containsExactly(
                "ADDED " + node(S1) + ": taint k3s-controlplane=true:NoExecute", "ADDED " + node(S2) + ": taint k3s-controlplane=true:NoExecute",
                "CHANGED " + node(W1) + ": label disk=ssd -> disk=hdd", "REMOVED " + node(W1) + ": label zone=a",
                "ADDED " + node(W1) + ": taint gpu=true:NoSchedule", "REMOVED " + node(W1) + ": taint old=x:NoExecute");
        ClusterApply.Result applied = runs.apply(changed);

        assertThat(fakes.journal()).noneMatch(line -> line.contains(": restart "));
        Node worker = applied.nodes().stream().filter(node -> node.name().equals(node(W1))).findFirst().orElseThrow();
        assertThat(worker.labels()).containsEntry("disk", "hdd").containsEntry("team", "web").doesNotContainKey("zone");
        assertThat(worker.taints()).containsExactly("gpu=true:NoSchedule");
        assertThat(applied.nodes()).filteredOn(node -> node.name().equals(node(S1))).singleElement()
                .satisfies(server -> assertThat(server.taints()).containsExactly("k3s-controlplane=true:NoExecute"));
        assertThat(dryRunOf(changed).changes()).isZero();

        ClusterApply.Result reverted = runs.apply(inventory);

        assertThat(parts(dryRunOf(inventory))).isEmpty();
        Node back = reverted.nodes().stream().filter(node -> node.name().equals(node(W1))).findFirst().orElseThrow();
        assertThat(back.labels()).containsEntry("team", "web").doesNotContainKeys("disk", "zone");
        assertThat(back.taints()).isEmpty();
        assertThat(fakes.journal()).noneMatch(line -> line.contains(": restart "));
    }

    /** Each label and taint a dry run would change, as "ADDED node: label k=v". */
    private static List<String> parts(ClusterApply.DryRun plan) {
        return plan.steps().stream().flatMap(step -> step.reports().stream()).flatMap(report -> report.outcomes().stream())
                .flatMap(outcome -> outcome.parts().stream()).map(part -> part.change() + " " + part.detail()).toList();
    }

    private static String node(String address) {
        return "node-" + address.replace('.', '-');
    }

    @Test
    void aWorkerTakenOutOfTheInventoryIsPlannedForRemovalThenDrainedUninstalledAndDeletedAndTheRecordForgetsIt()
            throws InterruptedException {
        FakeCluster cluster = new FakeCluster(inventory, fakes);
        apply();
        assertThat(fakes.host(S1).file(Paths.MANAGED_HOSTS).orElseThrow().text()).contains("worker " + W1 + " node-" + W1.replace('.', '-'));
        Inventory withoutWorker = ExampleInventories.load("airgap.yaml", text -> text.replaceAll("(?s)\\n  workers:.*?(?=\\n  \\S|\\z)", ""));
        assertThat(withoutWorker.workers().hosts()).isEmpty();
        fakes.clearJournal();

        ClusterApply.DryRun plan = runs.dryRun(withoutWorker);

        StepRun removal = plan.steps().get(Step.MANAGED.ordinal());
        assertThat(removal.plan().waves().get(0)).singleElement().satisfies(host -> assertThat(host.host()).isEqualTo(W1));
        assertThat(removal.reports().get(0).outcomes()).extracting(ActionOutcome::change)
                .containsExactly(Change.REMOVED, Change.REMOVED, Change.REMOVED);
        assertThat(cluster.kubectlOnNodes()).isEmpty();
        assertThat(fakes.journal()).noneMatch(line -> line.contains("uninstall"));

        ClusterApply.Result removed = runs.apply(withoutWorker);

        String node = "node-" + W1.replace('.', '-');
        assertThat(cluster.kubectlOnNodes()).containsExactly("drain " + node, "delete " + node);
        // The scripts the install left were as wanted, so not written again.
        assertThat(fakes.journal()).filteredOn(line -> line.startsWith(W1 + ": write ") || line.contains("uninstall"))
                .containsExactly(W1 + ": uninstall k3s-agent");
        assertThat(removed.nodes()).extracting(Node::name).doesNotContain(node);
        assertThat(fakes.host(S2).file(Paths.MANAGED_HOSTS).orElseThrow().text()).doesNotContain(W1);
        fakes.clearJournal();

        assertThat(runs.dryRun(withoutWorker).changes()).isZero();
    }

    @Test
    void aDryRunSendsOnlyReadsAndFindsEveryChangeTheApplyThenMakes() throws InterruptedException {
        new FakeCluster(inventory, fakes);

        ClusterApply.DryRun before = dryRun();

        assertThat(fakes.journal()).allSatisfy(line -> assertThat(line).matches(
                ".*: (gather facts|is \\S+ active|sha256 of a file|stat of a file|get a node|probe the links|read the certificates|show servers state)"));
        assertThat(before.changes()).isPositive();
        fakes.clearJournal();
        ClusterApply.Result applied = apply();
        // Each change the dry run named, the apply made (a check is not a change; a stamp is the apply's own record).
        assertThat(applied.changed()).isEqualTo(before.changes());

        fakes.clearJournal();
        ClusterApply.DryRun after = dryRun();

        assertThat(after.changes()).isZero();
        assertThat(fakes.journal()).allSatisfy(line -> assertThat(line).doesNotContain(": write ", ": restart ", "install packages"));
    }

    @Test
    void aFileWhoseModeChangedIsPlannedAsTheRewriteTheApplyThenMakesAndNoRestart() throws InterruptedException {
        new FakeCluster(inventory, fakes);
        apply();
        FakeHost.File config = fakes.host(W1).file(Paths.K3S_CONFIG).orElseThrow();
        fakes.host(W1).put(Paths.K3S_CONFIG, config.text(), "0644", "root:root");

        ClusterApply.DryRun plan = dryRun();

        assertThat(plan.steps().get(3).reports().get(0).outcomes()).filteredOn(outcome -> outcome.change().changes())
                .extracting(ActionOutcome::detail)
                // k3s-agent does not restart: it runs with the same content, as its stamp says
                .containsExactly("write " + Paths.K3S_CONFIG + " (0600): mode and owner are 644 root:root now");
        fakes.clearJournal();
        apply();
        assertThat(fakes.journal()).filteredOn(line -> line.contains(": write ") || line.contains(": restart ")).containsExactly(
                W1 + ": write " + Paths.K3S_CONFIG);
    }

    @Test
    void aDryRunAfterAnApplyPlansTheWorkersWithTheAgentsTokenTheFirstServerHolds() throws InterruptedException {
        new FakeCluster(inventory, fakes);
        apply();

        ClusterApply.DryRun after = dryRun();

        StepRun workers = after.steps().get(3);
        assertThat(workers.reports()).singleElement().satisfies(report -> assertThat(report.changed()).isZero());
        assertThat(after.steps().get(1).agentJoinToken()).hasValueSatisfying(token -> assertThat(token).contains("::node:"));
    }

    /** What starts or checks something: the files written between them are left to the plan's own tests. */
    private static boolean marksAWave(String line) {
        return !line.contains(": write ") && !line.contains(": gather facts") && !line.contains(": install packages")
                && !line.contains(" active") && !line.contains(": wait for ") && !line.contains(": make the links");
    }

    private ClusterApply.Result apply() throws InterruptedException {
        return runs.apply(inventory);
    }

    private ClusterApply.DryRun dryRun() throws InterruptedException {
        return dryRunOf(inventory);
    }

    private ClusterApply.DryRun dryRunOf(Inventory planned) throws InterruptedException {
        return new FakeRuns(fakes, temp, (endpoint, tls, via) -> {
            throw new AssertionError("a dry run logs in nowhere");
        }).dryRun(planned);
    }
}
