package io.k3j.plan;

import io.k3j.datastore.Endpoint;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step 1: the datastore. An existing one is checked from every server host (log in as K3s will,
 * may create kine's table); a provisioned one is installed and configured first, then checked the same way.
 */
final class DatastorePlanner {
    private static final String CA = "ca.pem";
    private static final String CERTIFICATE = "server.pem";
    private static final String KEY = "server-key.pem";

    private final Inventory inventory;
    private final ClusterValues values;
    private final TemplateRenderer renderer;
    private final HostKnowledge knowledge;

    DatastorePlanner(PlanContext context) {
        this.inventory = context.inventory();
        this.values = context.values();
        this.renderer = context.renderer();
        this.knowledge = context.knowledge();
    }

    StepPlan plan() {
        Datastore datastore = inventory.datastore();
        List<HostPlan> checks = inventory.servers().hosts().stream()
                .map(server -> new HostPlan(server.address(), "server, checking the datastore", List.of(Action.check(checkText(),
                        new Operation.DatastoreLogin(values.datastoreEndpoint(), datastore.tls())))))
                .toList();
        if (datastore.provision().isEmpty()) {
            return new StepPlan(Step.DATASTORE, "existing " + datastore.type() + " at " + where(), List.of(checks));
        }
        Datastore.Provision provision = datastore.provision().get();
        List<List<HostPlan>> setUp = switch (datastore.type()) {
            case postgres -> List.of(List.of(postgres(provision)));
            case mysql -> List.of(List.of(mysql(provision)));
            case etcd -> etcd(provision);
        };
        String hosts = String.join(", ", provision.hosts().stream().map(Host::address).toList());
        return new StepPlan(Step.DATASTORE, datastore.type() + (provision.clustered() ? " cluster of " + provision.hosts().size()
                + " members" : "") + " set up by k3j-install on " + hosts + membersChange(provision), withChecks(setUp, checks));
    }

    /** For a running etcd cluster whose members change: who stays, who joins, who leaves. */
    private String membersChange(Datastore.Provision provision) {
        if (inventory.datastore().type() != Datastore.Type.etcd || !provision.clustered()) {
            return "";
        }
        EtcdMembershipChange change = EtcdMembershipChange.of(provision, knowledge);
        if (!change.changes()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (!change.kept().isEmpty()) {
            parts.add(String.join(", ", change.kept().stream().map(EtcdMember::name).toList())
                    + (change.kept().size() == 1 ? " stays" : " stay"));
        }
        if (!change.joining().isEmpty()) {
            parts.add(String.join(", ", change.joining().stream().map(EtcdMember::name).toList())
                    + (change.joining().size() == 1 ? " joins" : " join, one at a time") + " (added as a learner, started, promoted)");
        }
        if (!change.leaving().isEmpty()) {
            parts.add(String.join(", ", change.leaving().stream().map(LiveEtcdMember::described).toList())
                    + (change.leaving().size() == 1 ? " leaves" : " leave") + " in step 6");
        }
        return "; the running cluster's members change: " + String.join("; ", parts);
    }

    private static List<List<HostPlan>> withChecks(List<List<HostPlan>> setUp, List<HostPlan> checks) {
        List<List<HostPlan>> waves = new ArrayList<>(setUp);
        waves.add(checks);
        return waves;
    }

    private String checkText() {
        if (inventory.datastore().type() != Datastore.Type.etcd) {
            return "log in from this host to " + where() + " as K3s will, and check kine may create its table";
        }
        String[] members = where().split(",");
        return members.length == 1 ? "check from this host that etcd at " + members[0] + " answers" + tlsText() + " and is healthy"
                : "check from this host that every etcd member (" + String.join(", ", members) + ") answers" + tlsText()
                        + " and is healthy, waiting (--ready-timeout) while the cluster elects a leader";
    }

    private String tlsText() {
        if (inventory.datastore().tls().isEmpty()) {
            return "";
        }
        return inventory.datastore().provision().isPresent() ? " over TLS with the certificates k3j-install made"
                : " over TLS with the inventory's certificates";
    }

    private String where() {
        Optional<Datastore.Provision> provision = inventory.datastore().provision();
        if (provision.isPresent()) {
            return String.join(",", provision.get().hosts().stream()
                    .map(host -> host.address() + ":" + inventory.datastore().type().defaultPort()).toList());
        }
        Endpoint endpoint = Endpoint.parse(values.datastoreEndpoint());
        return String.join(",", endpoint.servers().stream().map(server -> server.host() + ":" + server.port()).toList());
    }

    private HostPlan postgres(Datastore.Provision provision) {
        Host host = provision.first();
        String major = knowledge.postgresMajor(host);
        Map<String, Object> conf = withTls(provision, Paths.POSTGRES_TLS, Map.of("cluster", inventory.name(),
                "listenAddresses", List.of("*"), "port", Datastore.Type.postgres.defaultPort()));
        Map<String, Object> hba = Map.of("cluster", inventory.name(), "database", provision.database(), "user", provision.user(),
                "tls", provision.tls(), "clients", serverClients("/32", "/128"));
        List<Action> actions = new ArrayList<>();
        actions.add(Action.install("install postgresql (Debian/Ubuntu package)", new Operation.Packages(List.of(packageName(Datastore.Type.postgres)))));
        // PostgreSQL refuses a key that others than its owner may read.
        actions.addAll(servingFiles(provision, Paths.POSTGRES_TLS, "postgres:postgres"));
        actions.add(Action.write(ManagedFile.readable(postgresSettings(major), renderer.render("datastore/postgres/k3j.conf.ftl", conf))));
        actions.add(Action.block(postgresHba(major, renderer.render("datastore/postgres/pg_hba.block.ftl", hba))));
        actions.add(Action.write(ManagedFile.rootOnly(Paths.SETUP_SCRIPTS + "/postgres-setup.sql",
                renderer.render("datastore/postgres/setup.sql.ftl", sqlModel(provision)))));
        keptPassword(provision).ifPresent(actions::add);
        actions.add(Action.start("(re)start postgresql when its configuration changed, and wait until it accepts connections (pg_isready)",
                new Operation.Services(List.of("postgresql"), new Operation.PostgresAccepting(Datastore.Type.postgres.defaultPort()))));
        actions.add(Action.run("create the role " + provision.user() + " and the database " + provision.database()
                + " (psql as postgres, the script on standard input)", new Operation.RunOnChange("postgres-setup",
                "runuser -u postgres -- psql -X -q -d postgres < " + Paths.SETUP_SCRIPTS + "/postgres-setup.sql")));
        return new HostPlan(host.address(), "datastore", actions);
    }

    /** The package apply installs for a provisioned datastore of this type (Debian/Ubuntu). */
    static String packageName(Datastore.Type type) {
        return packageNames(type).get(0);
    }

    /**
     * Every package apply installs for it: etcd's client too (Debian's etcd-client holds
     * etcdctl), which backups, restores and the member checks run on the datastore host.
     */
    static List<String> packageNames(Datastore.Type type) {
        return switch (type) {
            case postgres -> List.of("postgresql");
            case mysql -> List.of("mariadb-server");
            case etcd -> List.of("etcd-server", "etcd-client");
        };
    }

    /** The settings k3j-install writes for PostgreSQL {@code major} (Debian's postgresql.conf includes conf.d/). */
    static String postgresSettings(String major) {
        return Paths.postgresConfigDirectory(major) + "/conf.d/k3j.conf";
    }

    /** k3j-install's block in pg_hba.conf, with Debian's own owner and mode kept: PostgreSQL reads it as postgres. */
    static ManagedFile postgresHba(String major, String block) {
        return new ManagedFile(Paths.postgresConfigDirectory(major) + "/pg_hba.conf", "0640", "postgres:postgres", block, false);
    }

    private HostPlan mysql(Datastore.Provision provision) {
        Map<String, Object> cnf = withTls(provision, Paths.MARIADB_TLS, Map.of("cluster", inventory.name(), "bindAddress", "0.0.0.0",
                "port", Datastore.Type.mysql.defaultPort()));
        Map<String, Object> sql = new HashMap<>(sqlModel(provision));
        sql.put("clients", serverClients("", ""));
        sql.put("tls", provision.tls());
        List<Action> actions = new ArrayList<>();
        actions.add(Action.install("install mariadb-server (Debian/Ubuntu package)", new Operation.Packages(List.of(packageName(Datastore.Type.mysql)))));
        actions.addAll(servingFiles(provision, Paths.MARIADB_TLS, "mysql:mysql"));
        actions.add(Action.write(ManagedFile.readable(Paths.MARIADB_CONFIG, renderer.render("datastore/mysql/k3j.cnf.ftl", cnf))));
        actions.add(Action.write(ManagedFile.rootOnly(Paths.SETUP_SCRIPTS + "/mysql-setup.sql",
                renderer.render("datastore/mysql/setup.sql.ftl", sql))));
        keptPassword(provision).ifPresent(actions::add);
        actions.add(Action.start("(re)start mariadb when its configuration changed",
                new Operation.Services(List.of("mariadb"), new Operation.Listening(Datastore.Type.mysql.defaultPort()))));
        actions.add(Action.run("create the database " + provision.database() + " and one account " + provision.user()
                + "@<server> per server (mysql as root, the script on standard input)", new Operation.RunOnChange("mysql-setup",
                "mysql --user=root --default-character-set=utf8mb4 < " + Paths.SETUP_SCRIPTS + "/mysql-setup.sql")));
        return new HostPlan(provision.first().address(), "datastore", actions);
    }

    /**
     * A cluster not running yet: every member at once (each waits for its peers). A running one keeps
     * its voting members first, as they are; then each member that joins has a wave of its own: added
     * as a learner through a member that runs, started with the members it joins, promoted.
     */
    private List<List<HostPlan>> etcd(Datastore.Provision provision) {
        EtcdMembershipChange change = EtcdMembershipChange.of(provision, knowledge);
        List<EtcdMember> members = change.wanted();
        if (!change.formed()) {
            EtcdFormation fresh = EtcdFormation.of(members, EtcdFormation.NEW);
            return List.of(members.stream().map(member -> etcd(provision, member, formation(member, fresh), List.of(), List.of())).toList());
        }
        List<List<HostPlan>> waves = new ArrayList<>();
        EtcdFormation kept = EtcdFormation.of(members, EtcdFormation.EXISTING);
        if (!change.kept().isEmpty()) {
            waves.add(change.kept().stream().map(member -> etcd(provision, member, formation(member, kept), List.of(), List.of())).toList());
        }
        String via = change.listed().orElseThrow().by().address();
        for (EtcdMember joiner : change.joining()) {
            EtcdFormation joined = new EtcdFormation(change.membersOnceJoined(joiner), EtcdFormation.EXISTING);
            Action add = Action.membership("add etcd member " + joiner.name() + " (" + joiner.peerUrl() + ") to the running cluster as a "
                    + "learner, with etcdctl on " + via + " (a learner does not count for the quorum)",
                    new Operation.EtcdMemberAdd(joiner.name(), joiner.peerUrl(), via));
            Action promote = Action.membership("promote etcd member " + joiner.name() + " to a voting member once it caught up with "
                    + "the leader (etcdctl member promote on " + via + ", retried within --ready-timeout)",
                    new Operation.EtcdMemberPromote(joiner.name(), joiner.peerUrl(), via));
            waves.add(List.of(etcd(provision, joiner, formation(joiner, joined), List.of(add), List.of(promote))));
        }
        return waves;
    }

    /** The member's own formation once it holds data, else {@code otherwise}. */
    private EtcdFormation formation(EtcdMember member, EtcdFormation otherwise) {
        return knowledge.etcdFormation(member.host()).orElse(otherwise);
    }

    /** {@code beforeConfig} and {@code afterStart}: a joining member's changes of the cluster, around its own set-up. */
    private HostPlan etcd(Datastore.Provision provision, EtcdMember member, EtcdFormation formation, List<Action> beforeConfig,
                          List<Action> afterStart) {
        Host host = member.host();
        boolean clustered = provision.clustered();
        // etcd listens on an IP; the peers are told the inventory's address (a name the certificate holds).
        String listenPeerUrl = clustered ? Endpoint.etcdUrl(provision.tls(), knowledge.ip(host), EtcdMember.PEER_PORT) : member.peerUrl();
        Map<String, Object> conf = withTls(provision, Paths.ETCD_TLS, Map.of("cluster", inventory.name(), "name", member.name(),
                "address", knowledge.ip(host), "clientPort", Datastore.Type.etcd.defaultPort(), "peerUrl", member.peerUrl(),
                "listenPeerUrl", listenPeerUrl, "members", formation.model(), "initialClusterState", formation.state(),
                "clustered", clustered, "dataDir", Paths.ETCD_DATA));
        List<Action> actions = new ArrayList<>();
        actions.add(Action.install("install etcd-server and etcd-client (Debian/Ubuntu packages; etcdctl is in etcd-client)",
                new Operation.Packages(packageNames(Datastore.Type.etcd))));
        // Debian's package starts its own etcd.service on install, on the port k3j-etcd needs.
        actions.add(Action.install("stop and disable the package's own etcd.service (it would hold port "
                + Datastore.Type.etcd.defaultPort() + ")", new Operation.DisableUnit("etcd.service")));
        actions.addAll(servingFiles(provision, Paths.ETCD_TLS, "etcd:etcd"));
        actions.addAll(beforeConfig);
        actions.add(Action.write(ManagedFile.readable(Paths.ETCD_CONFIG, renderer.render("datastore/etcd/etcd.conf.yml.ftl", conf))));
        actions.add(Action.write(ManagedFile.readable(Paths.ETCD_UNIT,
                renderer.render("datastore/etcd/etcd.service.ftl", Map.of("cluster", inventory.name())))));
        actions.add(clustered
                ? Action.start("(re)start k3j-etcd when its configuration changed: a new member waits until it listens on its peer "
                        + "port " + EtcdMember.PEER_PORT + " (it serves once a majority of the members runs); running members "
                        + "restart one at a time, each healthy again before the next, so the cluster keeps its quorum",
                        new Operation.Services(List.of("k3j-etcd"), new Operation.EtcdMemberServing(EtcdMember.PEER_PORT), true))
                : Action.start("(re)start k3j-etcd when its configuration changed, and wait until it serves",
                        new Operation.Services(List.of("k3j-etcd"), new Operation.Active())));
        actions.addAll(afterStart);
        return new HostPlan(host.address(), clustered ? "datastore, etcd member " + member.name() : "datastore", actions);
    }

    /** A template's model with {@code tls} and, with TLS, the host's files in {@code directory}. */
    private static Map<String, Object> withTls(Datastore.Provision provision, String directory, Map<String, Object> model) {
        Map<String, Object> complete = new HashMap<>(model);
        complete.put("tls", provision.tls());
        if (provision.tls()) {
            complete.put("caFile", directory + "/" + CA);
            complete.put("certFile", directory + "/" + CERTIFICATE);
            complete.put("keyFile", directory + "/" + KEY);
        }
        return complete;
    }

    /**
     * With TLS, the CA and the serving certificate k3j-install made, and the key, readable only by
     * {@code owner}, the user the datastore runs as. The CA's key stays on the operator's machine.
     */
    private static List<Action> servingFiles(Datastore.Provision provision, String directory, String owner) {
        if (!provision.tls()) {
            return List.of();
        }
        Datastore.Provision.Serving serving = provision.serving()
                .orElseThrow(() -> new IllegalStateException("provision.tls without the certificates k3j-install makes"));
        return List.of(
                Action.write(ManagedFile.readable(directory + "/" + CA, OperatorFiles.read(serving.caFile()))),
                Action.write(ManagedFile.readable(directory + "/" + CERTIFICATE, OperatorFiles.read(serving.certFile()))),
                Action.write(ManagedFile.secret(directory + "/" + KEY, owner, OperatorFiles.read(serving.keyFile()))));
    }

    /** A generated password is kept on the datastore host, where the next apply reads it back. */
    private Optional<Action> keptPassword(Datastore.Provision provision) {
        if (provision.password().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(Action.write(ManagedFile.secret(Paths.DATASTORE_PASSWORD, values.datastorePassword().orElseThrow())));
    }

    private Map<String, Object> sqlModel(Datastore.Provision provision) {
        return Map.of("database", provision.database(), "user", provision.user(), "password", values.datastorePassword().orElseThrow());
    }

    /** The server hosts' addresses as the datastore sees them: IPs with the given host-mask suffix. */
    private List<String> serverClients(String ipv4Suffix, String ipv6Suffix) {
        return inventory.servers().hosts().stream()
                .map(knowledge::ip)
                .map(ip -> ip.contains(":") ? ip + ipv6Suffix : ip.matches("[0-9.]+") ? ip + ipv4Suffix : ip)
                .toList();
    }
}
