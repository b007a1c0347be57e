package io.k3j.plan;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Registration;
import io.k3j.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code reset} as steps apply's interpreter runs: K3s uninstalled from the workers, then from the
 * servers (each with its uninstall script, as a pruned host is), then what k3j-install set up for the
 * registration address (HAProxy, keepalived), then, when asked, the datastore it provisioned (etcd's
 * data, or a SQL server's database and user: {@link SqlDatastoreRemoval}); last, on
 * each host, k3j-install's own state (stamps, the package record, set-up scripts, kept secrets). Only
 * the hosts that could be reached are planned. Packages are purged only where k3j-install's record
 * says it installed them; everything reset leaves is said in {@link Plan#left}.
 */
public final class ResetPlanner {
    /** k3j-install's own folders on every host: its stamps and package record, its set-up scripts and kept password. */
    static final List<String> STATE = List.of(Paths.STATE, Paths.SETUP_SCRIPTS);

    private final Inventory inventory;
    private final K3sTools tools;
    private final SqlDatastoreRemoval sql;
    private final HostKnowledge knowledge;
    private final Set<String> reachable;
    private final Map<String, Set<String>> installedByK3j;
    private final boolean datastore;

    /** The steps, and what stays on the hosts afterwards (one sentence each). */
    public record Plan(List<StepPlan> steps, List<String> left) {
    }

    /**
     * {@code knowledge}: the hosts' facts (a provisioned PostgreSQL's version); {@code reachable}: the hosts connected;
     * {@code installedByK3j}: each one's package record, by address; {@code datastore}: the provisioned datastore goes too (--datastore).
     */
    public ResetPlanner(Inventory inventory, TemplateRenderer renderer, HostKnowledge knowledge, Set<String> reachable,
                        Map<String, Set<String>> installedByK3j, boolean datastore) {
        this.inventory = inventory;
        this.tools = new K3sTools(renderer);
        this.sql = new SqlDatastoreRemoval(inventory.name(), renderer);
        this.knowledge = knowledge;
        this.reachable = reachable;
        this.installedByK3j = installedByK3j;
        this.datastore = datastore;
    }

    public Plan plan() {
        List<String> left = new ArrayList<>();
        List<StepPlan> steps = new ArrayList<>();
        steps.add(nodes(Step.WORKERS, inventory.workers().hosts(), false));
        steps.add(nodes(Step.SERVERS, inventory.servers().hosts(), true));
        steps.add(registration(left));
        steps.add(datastore(left));
        return new Plan(withState(steps), left);
    }

    private StepPlan nodes(Step step, List<Host> hosts, boolean server) {
        List<HostPlan> plans = hosts.stream().filter(this::reachable)
                .map(host -> new HostPlan(host.address(), server ? "server" : "worker", List.of(tools.uninstallAction(server)))).toList();
        String summary = plans.size() + " of " + hosts.size() + " " + (server ? "servers" : "workers") + ": K3s uninstalled "
                + "(" + K3sTools.uninstallScript(server) + ": its unit, /etc/rancher, /var/lib/rancher, the binary and links)";
        return new StepPlan(step, summary, plans.isEmpty() ? List.of() : List.of(plans));
    }

    private StepPlan registration(List<String> left) {
        Registration registration = inventory.registration();
        if (registration.mode() != Registration.Mode.haproxy) {
            left.add("the registration address " + registration.address() + " (" + registration.mode() + "): not set up by "
                    + "k3j-install, left as it is");
            return new StepPlan(Step.REGISTRATION, "nothing: " + registration.address() + " is not k3j-install's", List.of());
        }
        Registration.Haproxy haproxy = registration.haproxy().orElseThrow();
        boolean vip = haproxy.vip().isPresent();
        List<String> units = vip ? List.of("keepalived", "haproxy") : List.of("haproxy");
        List<HostPlan> plans = new ArrayList<>();
        for (Host host : haproxy.hosts()) {
            if (!reachable(host)) {
                continue;
            }
            List<Action> actions = new ArrayList<>();
            units.forEach(unit -> actions.add(Action.remove("stop and disable " + unit, new Operation.DisableUnit(unit))));
            List<String> files = vip ? List.of(Paths.HAPROXY_CONFIG, Paths.KEEPALIVED_CONFIG) : List.of(Paths.HAPROXY_CONFIG);
            actions.add(removePaths("remove the configuration k3j-install wrote", files));
            packages(host, units, left).ifPresent(actions::add);
            plans.add(new HostPlan(host.address(), "load balancer", actions));
        }
        return new StepPlan(Step.REGISTRATION, "HAProxy" + (vip ? " and keepalived" : "") + " on " + plans.size() + " of "
                + haproxy.hosts().size() + " hosts: stopped, their configuration removed, the packages k3j-install installed purged",
                plans.isEmpty() ? List.of() : List.of(plans));
    }

    private StepPlan datastore(List<String> left) {
        Datastore store = inventory.datastore();
        if (store.provision().isEmpty()) {
            left.add("the existing " + store.type() + " datastore (spec.datastore.endpoint): not k3j-install's, left as it is, with "
                    + "the cluster's data in it (" + (store.type() == Datastore.Type.etcd ? "its keys" : "kine's table")
                    + "); clear it before another cluster uses it");
            return new StepPlan(Step.DATASTORE, "nothing: the datastore is an existing one", List.of());
        }
        Datastore.Provision provision = store.provision().get();
        String where = String.join(", ", provision.hosts().stream().map(Host::address).toList());
        if (!datastore) {
            left.add("the " + store.type() + " k3j-install set up on " + where + ", with the cluster's data and "
                    + "k3j-install's files there: kept without --datastore (a new apply on it needs the old token)");
            return new StepPlan(Step.DATASTORE, "kept: the " + store.type() + " on " + where + " (--datastore removes it)",
                    List.of());
        }
        List<HostPlan> plans = new ArrayList<>();
        for (Host host : provision.hosts()) {
            if (reachable(host)) {
                plans.add(new HostPlan(host.address(), "datastore", datastoreActions(store, provision, host, left)));
            }
        }
        if (plans.isEmpty()) {
            return new StepPlan(Step.DATASTORE, "not reachable: the " + store.type() + " on " + where, List.of());
        }
        String removed = store.type() == Datastore.Type.etcd ? "k3j-etcd and its data removed" : "the database "
                + provision.database() + " and the user " + provision.user() + " dropped, k3j-install's settings and certificates removed";
        String on = plans.size() == provision.hosts().size() ? where
                : plans.size() + " of " + provision.hosts().size() + " members (the others not reachable)";
        return new StepPlan(Step.DATASTORE, store.type() + " on " + on + ": " + removed, List.of(plans));
    }

    /** What removes the datastore from one of its hosts, with what stays there said in {@code left}. */
    private List<Action> datastoreActions(Datastore store, Datastore.Provision provision, Host host, List<String> left) {
        List<Action> actions = new ArrayList<>(switch (store.type()) {
            case etcd -> etcd();
            case postgres -> sql.postgres(provision, knowledge.postgresMajor(host));
            case mysql -> sql.mysql(provision);
        });
        Optional<Action> purge = packages(host, DatastorePlanner.packageNames(store.type()), left);
        purge.ifPresent(actions::add);
        left.add(store.type() == Datastore.Type.etcd
                ? "etcd.service on " + host.address() + " (Debian's own): stays stopped and disabled, as apply left it"
                : afterSql(store.type(), host, purge.isPresent()));
        return actions;
    }

    /** k3j-etcd taken off its host: what a reset does, and what is done to a member that left the cluster. */
    static List<Action> etcd() {
        return List.of(Action.remove("stop and disable k3j-etcd", new Operation.DisableUnit("k3j-etcd")),
                removePaths("remove k3j-etcd's unit, configuration, certificates and data (the cluster's too)", List.of(Paths.ETCD_UNIT,
                        Paths.ETCD_CONFIG, Paths.ETCD_TLS, Paths.ETCD_DATA, Paths.ETCD_RESTORING, Paths.ETCD_BEFORE_RESTORE)));
    }

    /** What stays of a SQL server once the cluster's database and user are gone. */
    private static String afterSql(Datastore.Type type, Host host, boolean purged) {
        String server = type == Datastore.Type.postgres ? "PostgreSQL" : "MariaDB";
        String packages = "the packages apt-get installed with " + DatastorePlanner.packageName(type) + " left installed"
                + (type == Datastore.Type.postgres ? " (postgresql-<version> is the server, and keeps running)" : "")
                + ": apt-get autoremove --purge removes them";
        return server + " on " + host.address() + ": its other databases and users as they were; "
                + (purged ? packages : "running again on its own configuration");
    }

    /** The purge of those of {@code names} k3j-install installed on the host; the others are said to be left. */
    private Optional<Action> packages(Host host, List<String> names, List<String> left) {
        Set<String> ours = installedByK3j.getOrDefault(host.address(), Set.of());
        List<String> purged = names.stream().filter(ours::contains).toList();
        List<String> kept = names.stream().filter(name -> !ours.contains(name)).toList();
        if (!kept.isEmpty()) {
            left.add(String.join(", ", kept) + " on " + host.address() + ": " + (kept.size() == 1 ? "a package" : "packages")
                    + " k3j-install did not install (there before it), left installed");
        }
        return purged.isEmpty() ? Optional.empty() : Optional.of(Action.remove("purge " + String.join(", ", purged)
                + " (installed by k3j-install)", new Operation.RemovePackages(purged)));
    }

    /** Each host's last plan (a host has at most one per step) ends with k3j-install's own folders removed; a kept datastore's host keeps them. */
    private List<StepPlan> withState(List<StepPlan> steps) {
        Map<String, Integer> lastStep = new LinkedHashMap<>();
        for (int step = 0; step < steps.size(); step++) {
            for (HostPlan host : steps.get(step).hosts()) {
                lastStep.put(host.host(), step);
            }
        }
        keptDatastoreHosts().forEach(lastStep::remove);
        List<StepPlan> complete = new ArrayList<>();
        for (int step = 0; step < steps.size(); step++) {
            int here = step;
            StepPlan plan = steps.get(step);
            complete.add(new StepPlan(plan.step(), plan.summary(), plan.waves().stream().map(wave -> wave.stream()
                    .map(host -> Integer.valueOf(here).equals(lastStep.get(host.host())) ? withState(host) : host).toList()).toList()));
        }
        return complete;
    }

    private static HostPlan withState(HostPlan host) {
        List<Action> actions = new ArrayList<>(host.actions());
        actions.add(removePaths("remove k3j-install's state (stamps, package record, set-up scripts, kept password)", STATE));
        return new HostPlan(host.host(), host.role(), actions);
    }

    private List<String> keptDatastoreHosts() {
        return inventory.datastore().provision().filter(provision -> !datastore).stream()
                .flatMap(provision -> provision.hosts().stream()).map(Host::address).toList();
    }

    static Action removePaths(String description, List<String> paths) {
        return Action.remove(description + ": " + String.join(", ", paths), new Operation.RemovePaths(paths));
    }

    private boolean reachable(Host host) {
        return reachable.contains(host.address());
    }
}
