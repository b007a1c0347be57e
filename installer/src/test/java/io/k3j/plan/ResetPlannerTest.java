package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.FactsKnowledge;
import io.k3j.facts.FactsParser;
import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;
import io.k3j.testing.ExampleInventories;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResetPlannerTest {
    private static final String DB = "198.51.100.5";
    private static final String LB1 = "198.51.100.21";
    private static final String LB2 = "198.51.100.22";
    private static final String WORKER3 = "198.51.100.33";
    private static final Operation STATE = new Operation.RemovePaths(List.of(Paths.STATE, Paths.SETUP_SCRIPTS));

    /** The MariaDB/HAProxy example with etcd provisioned instead. */
    private final Inventory inventory = ExampleInventories.withProvisionedEtcd();
    private final TemplateRenderer renderer = new TemplateRenderer();
    private final K3sTools tools = new K3sTools(renderer);
    /** The datastore host's facts: PostgreSQL 16 there. */
    private final HostKnowledge knowledge = new FactsKnowledge(Map.of(DB, FactsParser.parse("hostname=db1\narch=x86_64\n"
            + "postgresql_major=16\n")));

    private Set<String> all() {
        Set<String> all = new LinkedHashSet<>();
        inventory.allHosts().forEach(roled -> all.add(roled.host().address()));
        return all;
    }

    /** The example with an existing PostgreSQL behind a load balancer, its secrets given (they are read from the environment). */
    private static Inventory existingDatastore() {
        return ExampleInventories.load("postgres-existing-lb.yaml", text -> text
                .replace("${env:K3S_DB_PASSWORD}", "unused").replace("${env:K3S_TOKEN}", "unused"));
    }

    private ResetPlanner.Plan plan(Set<String> reachable, Map<String, Set<String>> installed, boolean datastore) {
        return plan(inventory, reachable, installed, datastore);
    }

    private ResetPlanner.Plan plan(Inventory of, Set<String> reachable, Map<String, Set<String>> installed, boolean datastore) {
        return new ResetPlanner(of, renderer, knowledge, reachable, installed, datastore).plan();
    }

    private static List<Operation> operations(StepPlan step, String host) {
        return step.hosts().stream().filter(plan -> plan.host().equals(host)).flatMap(plan -> plan.actions().stream())
                .map(Action::operation).toList();
    }

    @Test
    void workersThenServersThenTheLoadBalancersThenTheDatastoreEachHostsStateLast() {
        ResetPlanner.Plan plan = plan(all(), Map.of(LB1, Set.of("haproxy", "keepalived"), DB, Set.of("etcd-server", "etcd-client")), true);

        assertThat(plan.steps()).extracting(StepPlan::step).containsExactly(Step.WORKERS, Step.SERVERS, Step.REGISTRATION, Step.DATASTORE);
        assertThat(plan.steps().get(0).hosts()).extracting(HostPlan::host)
                .containsExactly("198.51.100.31", "198.51.100.32", WORKER3);
        assertThat(operations(plan.steps().get(0), WORKER3)).containsExactly(tools.uninstallAction(false).operation(), STATE);
        assertThat(operations(plan.steps().get(1), "198.51.100.11")).containsExactly(tools.uninstallAction(true).operation(), STATE);
        assertThat(operations(plan.steps().get(2), LB1)).containsExactly(new Operation.DisableUnit("keepalived"),
                new Operation.DisableUnit("haproxy"), new Operation.RemovePaths(List.of(Paths.HAPROXY_CONFIG, Paths.KEEPALIVED_CONFIG)),
                new Operation.RemovePackages(List.of("keepalived", "haproxy")), STATE);
        assertThat(operations(plan.steps().get(3), DB)).containsExactly(new Operation.DisableUnit("k3j-etcd"),
                new Operation.RemovePaths(List.of(Paths.ETCD_UNIT, Paths.ETCD_CONFIG, Paths.ETCD_TLS, Paths.ETCD_DATA,
                        Paths.ETCD_RESTORING, Paths.ETCD_BEFORE_RESTORE)),
                new Operation.RemovePackages(List.of("etcd-server", "etcd-client")), STATE);
    }

    @Test
    void onlyThePackagesK3jInstalledArePurgedAndTheOthersAreSaidToBeLeft() {
        ResetPlanner.Plan plan = plan(all(), Map.of(LB1, Set.of("haproxy")), true);

        assertThat(operations(plan.steps().get(2), LB1)).contains(new Operation.RemovePackages(List.of("haproxy")));
        assertThat(operations(plan.steps().get(2), LB2)).noneMatch(Operation.RemovePackages.class::isInstance);
        assertThat(operations(plan.steps().get(3), DB)).noneMatch(Operation.RemovePackages.class::isInstance);
        assertThat(plan.left()).contains(
                "keepalived on " + LB1 + ": a package k3j-install did not install (there before it), left installed",
                "keepalived, haproxy on " + LB2 + ": packages k3j-install did not install (there before it), left installed",
                "etcd-server, etcd-client on " + DB + ": packages k3j-install did not install (there before it), left installed");
    }

    @Test
    void withoutDatastoreTheProvisionedOneAndItsHostsStateAreKept() {
        ResetPlanner.Plan plan = plan(all(), Map.of(), false);

        assertThat(plan.steps().get(3).waves()).isEmpty();
        assertThat(plan.steps().stream().flatMap(step -> step.hosts().stream())).noneMatch(host -> host.host().equals(DB));
        assertThat(plan.left()).anyMatch(line -> line.startsWith("the etcd k3j-install set up on " + DB)
                && line.contains("kept without --datastore"));
    }

    @Test
    void unreachableHostsAreNotPlannedTheOthersAre() {
        Set<String> reachable = all();
        reachable.remove(WORKER3);
        reachable.remove(LB2);

        ResetPlanner.Plan plan = plan(reachable, Map.of(), true);

        assertThat(plan.steps().get(0).hosts()).extracting(HostPlan::host).containsExactly("198.51.100.31", "198.51.100.32");
        assertThat(plan.steps().get(0).summary()).startsWith("2 of 3 workers");
        assertThat(plan.steps().get(2).hosts()).extracting(HostPlan::host).containsExactly(LB1);
        assertThat(plan.steps().get(1).hosts()).hasSize(2);
    }

    @Test
    void anExistingDatastoreAndRegistrationAddressAreNeverTouchedAndSaidToBeLeft() {
        Inventory existing = existingDatastore();
        Set<String> reachable = new LinkedHashSet<>();
        existing.allHosts().forEach(roled -> reachable.add(roled.host().address()));

        ResetPlanner.Plan plan = plan(existing, reachable, Map.of(), true);

        assertThat(plan.steps().get(2).waves()).isEmpty();
        assertThat(plan.steps().get(3).waves()).isEmpty();
        assertThat(plan.left()).anyMatch(line -> line.startsWith("the registration address " + existing.registration().address()))
                .anyMatch(line -> line.startsWith("the existing postgres datastore") && line.contains("kine's table"));
    }

    @Test
    void aProvisionedPostgresLosesTheInventorysDatabaseAndRoleAndK3jInstallsFilesThenRunsOnItsOwnConfiguration() {
        Inventory postgres = ExampleInventories.load("mysql-haproxy.yaml", text -> text.replace("type: mysql", "type: postgres")
                .replace("database: k3s", "database: kine_edge").replace("user: k3s ", "user: k3s_edge "));

        ResetPlanner.Plan plan = plan(postgres, all(), Map.of(), true);

        List<Operation> operations = operations(plan.steps().get(3), DB);
        assertThat(operations).hasSize(5);
        Operation.Script drop = (Operation.Script) operations.get(0);
        assertThat(drop.text()).contains("runuser -u postgres -- psql", "DROP DATABASE IF EXISTS \"kine_edge\";",
                "DROP ROLE IF EXISTS \"k3s_edge\";");
        assertThat(drop.probe()).contains("k3j: changed", "psql").doesNotContain("DROP");
        assertThat(operations.subList(1, 5)).containsExactly(
                new Operation.RemoveBlock(new ManagedFile("/etc/postgresql/16/main/pg_hba.conf", "0640", "postgres:postgres",
                        "# BEGIN k3j-install staging\n# END k3j-install staging\n", false)),
                new Operation.RemovePaths(List.of("/etc/postgresql/16/main/conf.d/k3j.conf", Paths.POSTGRES_TLS)),
                new Operation.Services(List.of("postgresql"), new Operation.PostgresAccepting(5432)), STATE);
        assertThat(plan.steps().get(3).summary()).isEqualTo("postgres on " + DB + ": the database kine_edge and the user k3s_edge "
                + "dropped, k3j-install's settings and certificates removed");
        assertThat(plan.left()).contains(
                "postgresql on " + DB + ": a package k3j-install did not install (there before it), left installed",
                "PostgreSQL on " + DB + ": its other databases and users as they were; running again on its own configuration");
    }

    @Test
    void aProvisionedMariadbLosesItsDatabaseAndEveryAccountOfItsUserAndThePackageK3jInstalledIsPurgedAfterTheRestart() {
        Inventory mysql = ExampleInventories.load("mysql-haproxy.yaml");

        ResetPlanner.Plan plan = plan(mysql, all(), Map.of(DB, Set.of("mariadb-server")), true);

        List<Operation> operations = operations(plan.steps().get(3), DB);
        Operation.Script drop = (Operation.Script) operations.get(0);
        assertThat(drop.text()).contains("mysql --user=root", "DROP DATABASE IF EXISTS `k3s`;",
                "FROM mysql.user WHERE User = ", "EXECUTE k3j_drop_accounts;");
        assertThat(drop.probe()).contains("k3j: changed", "mysql --user=root").doesNotContain("DROP DATABASE", "EXECUTE");
        assertThat(operations.subList(1, operations.size())).containsExactly(
                new Operation.RemovePaths(List.of(Paths.MARIADB_CONFIG, Paths.MARIADB_TLS)),
                new Operation.Services(List.of("mariadb"), new Operation.Listening(3306)),
                new Operation.RemovePackages(List.of("mariadb-server")), STATE);
        assertThat(plan.left()).contains("MariaDB on " + DB + ": its other databases and users as they were; the packages apt-get "
                + "installed with mariadb-server left installed: apt-get autoremove --purge removes them");
    }

    @Test
    void aProvisionedSqlDatastoreIsKeptWithoutDatastore() {
        ResetPlanner.Plan plan = plan(ExampleInventories.load("mysql-haproxy.yaml"), all(), Map.of(DB, Set.of("mariadb-server")), false);

        assertThat(plan.steps().get(3).waves()).isEmpty();
        assertThat(plan.left()).anyMatch(line -> line.startsWith("the mysql k3j-install set up on " + DB));
    }
}
