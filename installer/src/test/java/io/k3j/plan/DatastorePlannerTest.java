package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.FactsKnowledge;
import io.k3j.facts.FactsParser;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import io.k3j.render.TemplateRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A datastore k3j-install sets up with {@code provision.tls}: the host gets the CA, its serving
 * certificate and a key only the datastore's user may read, its software requires client
 * certificates, and the servers reach it as they reach an existing one with TLS.
 */
class DatastorePlannerTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("K3S_TOKEN", "unit-token", "DB_PASSWORD", "unit-password");

    private static final String REPLACED = "hosts: [{address: 198.51.100.5, name: db1}, {address: 198.51.100.6, name: db2}, "
            + "{address: 198.51.100.8, name: db4}]";

    @TempDir
    Path folder;

    @Test
    void etcdServesTlsOnlyToClientsWithACertificateAndTheServersComeWithTheirs() throws IOException {
        Plan plan = plan("etcd", "");

        Map<String, ManagedFile> db = files(plan, Step.DATASTORE, "198.51.100.5");
        assertThat(db.get("/etc/etcd/k3j-tls/ca.pem")).extracting(ManagedFile::content, ManagedFile::mode).containsExactly("CA PEM", "0644");
        assertThat(db.get("/etc/etcd/k3j-tls/server.pem").content()).isEqualTo("SERVER PEM");
        assertThat(db.get("/etc/etcd/k3j-tls/server-key.pem")).extracting(ManagedFile::mode, ManagedFile::owner, ManagedFile::hidden)
                .containsExactly("0600", "etcd:etcd", true);
        assertThat(db.get(Paths.ETCD_CONFIG).content()).contains("advertise-client-urls: https://198.51.100.5:2379")
                .contains("cert-file: \"/etc/etcd/k3j-tls/server.pem\"").contains("key-file: \"/etc/etcd/k3j-tls/server-key.pem\"")
                .contains("trusted-ca-file: \"/etc/etcd/k3j-tls/ca.pem\"").contains("client-cert-auth: true");

        Map<String, ManagedFile> server = files(plan, Step.SERVERS, "198.51.100.11");
        assertThat(server.get(Paths.K3S_CONFIG).content()).contains("datastore-endpoint: \"https://198.51.100.5:2379\"")
                .contains("datastore-cafile: \"/etc/rancher/k3s/datastore/ca.pem\"")
                .contains("datastore-certfile: \"/etc/rancher/k3s/datastore/client.pem\"")
                .contains("datastore-keyfile: \"/etc/rancher/k3s/datastore/client-key.pem\"");
        assertThat(server.get(Paths.DATASTORE_TLS + "/client-key.pem")).extracting(ManagedFile::content, ManagedFile::hidden)
                .containsExactly("CLIENT KEY PEM", true);
    }

    @Test
    void postgresAcceptsTheServersOnlyOverTlsWithACertificateNamedForTheUser() throws IOException {
        Plan plan = plan("postgres", ", password: \"${env:DB_PASSWORD}\"");

        Map<String, ManagedFile> db = files(plan, Step.DATASTORE, "198.51.100.5");
        assertThat(db.get(Paths.POSTGRES_TLS + "/server-key.pem")).extracting(ManagedFile::mode, ManagedFile::owner)
                .containsExactly("0600", "postgres:postgres");
        assertThat(db.get("/etc/postgresql/<major>/main/conf.d/k3j.conf").content()).contains("ssl = on")
                .contains("ssl_cert_file = '/etc/postgresql/k3j-tls/server.pem'").contains("ssl_ca_file = '/etc/postgresql/k3j-tls/ca.pem'");
        assertThat(db.get("/etc/postgresql/<major>/main/pg_hba.conf").content())
                .contains("hostssl    k3s    k3s    198.51.100.11/32    scram-sha-256 clientcert=verify-full")
                .doesNotContain("\nhost ");
        assertThat(files(plan, Step.SERVERS, "198.51.100.12").get(Paths.K3S_CONFIG).content())
                .contains("datastore-certfile: \"/etc/rancher/k3s/datastore/client.pem\"");
    }

    @Test
    void mariadbRequiresTheClientCertificateOfEachServersAccount() throws IOException {
        Plan plan = plan("mysql", ", password: \"${env:DB_PASSWORD}\"");

        Map<String, ManagedFile> db = files(plan, Step.DATASTORE, "198.51.100.5");
        assertThat(db.get(Paths.MARIADB_TLS + "/server-key.pem")).extracting(ManagedFile::mode, ManagedFile::owner)
                .containsExactly("0600", "mysql:mysql");
        assertThat(db.get(Paths.MARIADB_CONFIG).content()).contains("ssl-ca = /etc/mysql/k3j-tls/ca.pem")
                .contains("require-secure-transport = ON");
        assertThat(db.get(Paths.SETUP_SCRIPTS + "/mysql-setup.sql").content())
                .contains("ALTER USER 'k3s'@'198.51.100.11' IDENTIFIED BY 'unit-password' REQUIRE SUBJECT '/CN=k3s';");
    }

    @Test
    void withoutTlsNothingOfItIsWritten() throws IOException {
        Inventory inventory = load("etcd", "", false, "host: {address: 198.51.100.5, name: db1}");
        Plan plan = new Planner(new TemplateRenderer()).plan(inventory, values(inventory), HostKnowledge.OFFLINE);

        assertThat(files(plan, Step.DATASTORE, "198.51.100.5").keySet()).noneMatch(path -> path.contains("k3j-tls"));
        assertThat(files(plan, Step.SERVERS, "198.51.100.11").get(Paths.K3S_CONFIG).content())
                .contains("datastore-endpoint: \"http://198.51.100.5:2379\"").doesNotContain("datastore-cafile");
    }

    @Test
    void theMembersOfAnEtcdClusterEachKnowEveryMemberPeerOverTlsAndRestartOneAtATime() throws IOException {
        Plan plan = plan("etcd", "", "hosts: [{address: 198.51.100.5, name: db1}, {address: 198.51.100.6, name: db2}, "
                + "{address: 198.51.100.7, name: db3}]");

        StepPlan datastore = plan.steps().stream().filter(step -> step.step() == Step.DATASTORE).findFirst().orElseThrow();
        assertThat(datastore.waves().get(0)).extracting(HostPlan::host).containsExactly("198.51.100.5", "198.51.100.6", "198.51.100.7");
        assertThat(files(plan, Step.DATASTORE, "198.51.100.6").get(Paths.ETCD_CONFIG).content()).contains("name: \"db2\"",
                "listen-peer-urls: https://198.51.100.6:2380", "initial-advertise-peer-urls: https://198.51.100.6:2380",
                "initial-cluster: db1=https://198.51.100.5:2380,db2=https://198.51.100.6:2380,db3=https://198.51.100.7:2380",
                "initial-cluster-token: \"edge\"", "peer-transport-security:\n  cert-file: \"/etc/etcd/k3j-tls/server.pem\"");
        assertThat(datastore.waves().get(0)).allSatisfy(member -> assertThat(member.actions()).map(Action::operation)
                .filteredOn(Operation.Services.class::isInstance).singleElement().isEqualTo(new Operation.Services(List.of("k3j-etcd"),
                        new Operation.EtcdMemberServing(2380), true)));
        assertThat(files(plan, Step.SERVERS, "198.51.100.11").get(Paths.K3S_CONFIG).content())
                .contains("datastore-endpoint: \"https://198.51.100.5:2379,https://198.51.100.6:2379,https://198.51.100.7:2379\"");
    }

    @Test
    void aSingleMemberKeepsItsPeersOnLoopbackAndWaitsForSystemdAlone() throws IOException {
        Plan plan = plan("etcd", "");

        assertThat(files(plan, Step.DATASTORE, "198.51.100.5").get(Paths.ETCD_CONFIG).content())
                .contains("listen-peer-urls: http://127.0.0.1:2380", "initial-cluster: db1=http://127.0.0.1:2380")
                .doesNotContain("initial-cluster-token", "peer-transport-security");
    }

    @Test
    void aMemberJoiningARunningClusterIsAddedStartedWithTheMembersItJoinsAndPromotedInAWaveOfItsOwn() throws IOException {
        Plan plan = plan("etcd", "", REPLACED, RunningCluster.facts());

        StepPlan datastore = step(plan, Step.DATASTORE);
        assertThat(datastore.summary()).endsWith("; the running cluster's members change: db1, db2 stay; db4 joins (added as a "
                + "learner, started, promoted); db3 leaves in step 6");
        assertThat(datastore.waves()).extracting(wave -> wave.stream().map(HostPlan::host).toList()).containsExactly(
                List.of("198.51.100.5", "198.51.100.6"), List.of("198.51.100.8"), List.of("198.51.100.11", "198.51.100.12"));
        List<Action> joining = datastore.waves().get(1).get(0).actions();
        assertThat(joining).extracting(Action::kind).containsExactly(Action.Kind.INSTALL, Action.Kind.INSTALL, Action.Kind.WRITE,
                Action.Kind.WRITE, Action.Kind.WRITE, Action.Kind.MEMBERSHIP, Action.Kind.WRITE, Action.Kind.WRITE, Action.Kind.START,
                Action.Kind.MEMBERSHIP);
        assertThat(joining.get(5).operation()).isEqualTo(new Operation.EtcdMemberAdd("db4", "https://198.51.100.8:2380", "198.51.100.5"));
        assertThat(joining.get(9).operation()).isEqualTo(new Operation.EtcdMemberPromote("db4", "https://198.51.100.8:2380", "198.51.100.5"));
        assertThat(files(plan, Step.DATASTORE, "198.51.100.8").get(Paths.ETCD_CONFIG).content()).contains(
                "initial-cluster: " + RunningCluster.THREE + ",db4=https://198.51.100.8:2380\ninitial-cluster-state: existing\n");
        // A kept member's config keeps the formation it started with: etcd reads it on a first start only.
        assertThat(files(plan, Step.DATASTORE, "198.51.100.5").get(Paths.ETCD_CONFIG).content()).contains(
                "initial-cluster: " + RunningCluster.THREE + "\ninitial-cluster-state: new\n");
        assertThat(files(plan, Step.SERVERS, "198.51.100.11").get(Paths.K3S_CONFIG).content())
                .contains("datastore-endpoint: \"https://198.51.100.5:2379,https://198.51.100.6:2379,https://198.51.100.8:2379\"");
    }

    @Test
    void aMemberTakenOutOfTheInventoryLeavesInStepSixThroughOneThatStaysItsHostCleanedWhenReached() throws IOException {
        Inventory inventory = withTls(load("etcd", "", true, REPLACED));
        Planner planner = new Planner(new TemplateRenderer());

        StepPlan unreached = planner.plan(Step.MANAGED, inventory, values(inventory), RunningCluster.facts(), List.of());
        assertThat(unreached.summary()).startsWith("remove etcd member db3;");
        assertThat(unreached.waves().get(0)).singleElement().satisfies(via -> {
            assertThat(via.host()).isEqualTo("198.51.100.5");
            assertThat(via.actions()).extracting(Action::operation)
                    .containsExactly(new Operation.EtcdMemberRemove("db3", "https://198.51.100.7:2380", "198.51.100.5"));
        });
        assertThat(unreached.waves()).hasSize(2);

        StepPlan reached = planner.plan(Step.MANAGED, inventory, values(inventory), RunningCluster.facts(), List.of(), Set.of("198.51.100.7"));
        assertThat(reached.waves()).hasSize(3);
        assertThat(reached.waves().get(1)).singleElement().satisfies(left -> {
            assertThat(left.host()).isEqualTo("198.51.100.7");
            assertThat(left.actions()).extracting(Action::operation).startsWith(new Operation.DisableUnit("k3j-etcd"));
        });
    }

    /** Three members (db1, db2, db3) formed new, db1 and db2 running and listing them; nothing on db4 yet; the servers' facts. */
    private static final class RunningCluster {
        static final String THREE = "db1=https://198.51.100.5:2380,db2=https://198.51.100.6:2380,db3=https://198.51.100.7:2380";

        static HostKnowledge facts() {
            String member = "etcd=active\netcd_cluster=" + THREE + "\netcd_cluster_state=new\netcd_members="
                    + "a1|started|db1|https://198.51.100.5:2380|x|false a2|started|db2|https://198.51.100.6:2380|x|false "
                    + "a3|started|db3|https://198.51.100.7:2380|x|false\n";
            return new FactsKnowledge(Map.of(
                    "198.51.100.5", FactsParser.parse("hostname=db1\n" + member),
                    "198.51.100.6", FactsParser.parse("hostname=db2\n" + member),
                    "198.51.100.8", FactsParser.parse("hostname=db4\n"),
                    "198.51.100.11", FactsParser.parse("hostname=server1\n"),
                    "198.51.100.12", FactsParser.parse("hostname=server2\n")));
        }
    }

    private static StepPlan step(Plan plan, Step step) {
        return plan.steps().stream().filter(each -> each.step() == step).findFirst().orElseThrow();
    }

    private Plan plan(String type, String provisionExtra) throws IOException {
        return plan(type, provisionExtra, "host: {address: 198.51.100.5, name: db1}");
    }

    private Plan plan(String type, String provisionExtra, String hosts) throws IOException {
        return plan(type, provisionExtra, hosts, HostKnowledge.OFFLINE);
    }

    private Plan plan(String type, String provisionExtra, String hosts, HostKnowledge knowledge) throws IOException {
        Inventory inventory = withTls(load(type, provisionExtra, true, hosts));
        return new Planner(new TemplateRenderer()).plan(inventory, values(inventory), knowledge);
    }

    private Inventory withTls(Inventory loaded) throws IOException {
        Path ca = write("ca.pem", "CA PEM");
        return loaded.withDatastore(loaded.datastore().withMadeTls(
                new Datastore.Tls(ca, Optional.of(write("client.pem", "CLIENT PEM")), Optional.of(write("client-key.pem", "CLIENT KEY PEM"))),
                new Datastore.Provision.Serving(ca, write("server.pem", "SERVER PEM"), write("server-key.pem", "SERVER KEY PEM"))));
    }

    private static ClusterValues values(Inventory inventory) {
        return ClusterValues.offline(inventory, new InventoryLoader(ENVIRONMENT::get).secrets(inventory));
    }

    private Inventory load(String type, String provisionExtra, boolean tls, String hosts) throws IOException {
        Path file = write("inventory.yaml", """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: edge}
                spec:
                  k3s: {version: v1.31.4+k3s1, token: "${env:K3S_TOKEN}"}
                  datastore:
                    type: %s
                    provision: {%s, tls: %s%s}
                  servers:
                    hosts: [{address: 198.51.100.11}, {address: 198.51.100.12}]
                  registration: {address: k8s.example.com, mode: dns}
                """.formatted(type, hosts, tls, provisionExtra));
        LoadResult result = new InventoryLoader(ENVIRONMENT::get).load(file);
        assertThat(result.problems()).isEmpty();
        return result.inventory().orElseThrow();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private static Map<String, ManagedFile> files(Plan plan, Step step, String host) {
        List<Action> actions = plan.steps().stream().filter(s -> s.step() == step).flatMap(s -> s.waves().stream())
                .flatMap(List::stream).filter(h -> h.host().equals(host)).flatMap(h -> h.actions().stream()).toList();
        return actions.stream().map(Action::operation).map(DatastorePlannerTest::file).flatMap(Optional::stream)
                .collect(Collectors.toMap(ManagedFile::path, f -> f));
    }

    private static Optional<ManagedFile> file(Operation operation) {
        if (operation instanceof Operation.WriteFile write) {
            return Optional.of(write.file());
        }
        if (operation instanceof Operation.KeepBlock block) {
            return Optional.of(block.file());
        }
        return Optional.empty();
    }
}
