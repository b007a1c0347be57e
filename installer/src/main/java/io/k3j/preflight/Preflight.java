package io.k3j.preflight;

import io.k3j.facts.HostFacts;
import io.k3j.inventory.Inventory.Role;
import io.k3j.inventory.IpLiteral;
import io.k3j.inventory.K3sVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every host's facts before anything is changed: all problems of all hosts at once, so
 * the operator fixes them in one go and no host is left half-changed by a later failure.
 */
public final class Preflight {
    /** K3s' own minimum is modest; a node needs room for images and the datastore client state. */
    static final long MIN_FREE_KB = 2L * 1024 * 1024;
    /** Certificates are issued with "now": a clock far off makes them not yet valid elsewhere. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

    /** Ports each role's software listens on, and the unit that owns them when they are ours. */
    private static final Map<Role, Map<Integer, String>> PORTS = Map.of(
            Role.SERVER, Map.of(6443, "k3s", 10250, "k3s"),
            Role.WORKER, Map.of(10250, "k3s-agent"),
            Role.LOAD_BALANCER, Map.of(6443, "haproxy"),
            Role.DATASTORE, Map.of());

    /** A host with its roles and facts; {@code nodeName} when the inventory names the node. */
    public record HostUnderCheck(String host, Set<Role> roles, HostFacts facts, Optional<String> nodeName) {

        String effectiveNodeName() {
            return nodeName.orElseGet(facts::defaultNodeName);
        }
    }

    private final Instant operatorNow;
    private final VersionRules versionRules;
    private final SkewRules skewRules;

    /**
     * {@code target}: the inventory's {@code k3s.version}, which every node is to run; {@code running}:
     * the cluster's nodes as read before anything changes; {@code allowPatchDowngrade}: the
     * operator's {@code --allow-patch-downgrade}.
     */
    public Preflight(Instant operatorNow, K3sVersion target, RunningNodes running, boolean allowPatchDowngrade) {
        this.operatorNow = operatorNow;
        UpgradeRequest request = new UpgradeRequest(target, running, allowPatchDowngrade);
        this.versionRules = new VersionRules(request);
        this.skewRules = new SkewRules(request);
    }

    public List<PreflightProblem> check(List<HostUnderCheck> hosts) {
        List<PreflightProblem> problems = new ArrayList<>();
        hosts.forEach(host -> checkHost(host, problems));
        checkUniqueNodeNames(hosts, problems);
        skewRules.check(hosts, problems);
        return problems;
    }

    private void checkHost(HostUnderCheck host, List<PreflightProblem> problems) {
        HostFacts facts = host.facts();
        if (!"systemd".equals(facts.init())) {
            problems.add(new PreflightProblem(host.host(), "init system is '" + facts.init() + "', not systemd",
                    "K3s and the datastores are run as systemd units; use a systemd-based distribution"));
        } else if (!Set.of("running", "degraded").contains(facts.systemdState())) {
            problems.add(new PreflightProblem(host.host(), "systemd is '" + facts.systemdState() + "'",
                    "wait until the host has finished booting (systemctl is-system-running --wait)"));
        }
        if (facts.k3sArch().isEmpty()) {
            problems.add(new PreflightProblem(host.host(), "architecture '" + facts.arch() + "' has no K3s release",
                    "K3s is released for amd64, arm64, armhf and s390x"));
        }
        if (facts.diskFreeKb() < MIN_FREE_KB) {
            problems.add(new PreflightProblem(host.host(), "only " + facts.diskFreeKb() / 1024 + " MiB free under /var/lib",
                    "free at least " + MIN_FREE_KB / 1024 / 1024 + " GiB under /var/lib"));
        }
        Duration skew = Duration.between(operatorNow, Instant.ofEpochSecond(facts.timeEpochSeconds())).abs();
        if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            problems.add(new PreflightProblem(host.host(), "clock is " + skew.toSeconds() + " s off this machine's",
                    "synchronise the clock (systemd-timesyncd or chrony); certificates depend on it"));
        }
        checkPorts(host, problems);
        checkFactsForOtherHosts(host, problems);
        versionRules.check(host, problems);
    }

    /**
     * Facts that go into files and paths (its addresses into other hosts' pg_hba.conf, MySQL
     * accounts, haproxy.cfg, keepalived.conf; PostgreSQL's version into a path): only IP literals
     * and a version number are taken, so a host cannot write a rule of its own into another's files.
     */
    private static void checkFactsForOtherHosts(HostUnderCheck host, List<PreflightProblem> problems) {
        for (String address : host.facts().addresses()) {
            if (!IpLiteral.is(address)) {
                problems.add(new PreflightProblem(host.host(), "fact 'addresses' holds '" + shown(address)
                        + "', which is not an IP address", "k3j-install writes a host's addresses into other hosts' "
                        + "datastore and load-balancer configuration and takes only IP addresses; check what "
                        + "'ip -o addr show scope global' prints on the host"));
            }
        }
        host.facts().postgresqlMajor().filter(major -> !major.matches("\\d{1,3}")).ifPresent(major ->
                problems.add(new PreflightProblem(host.host(), "fact 'postgresql_major' is '" + shown(major)
                        + "', not a PostgreSQL major version", "/etc/postgresql should hold only version folders "
                        + "(such as 15); remove what else is there")));
    }

    /** A fact as it can be shown: control characters as '?', so a host cannot forge lines of the report. */
    private static String shown(String fact) {
        return fact.replaceAll("\\p{Cntrl}", "?");
    }

    private static void checkPorts(HostUnderCheck host, List<PreflightProblem> problems) {
        Map<Integer, String> wanted = new HashMap<>();
        host.roles().forEach(role -> wanted.putAll(PORTS.get(role)));
        wanted.forEach((port, owner) -> {
            boolean taken = host.facts().listeningPorts().contains(port);
            if (taken && !host.facts().isActive(owner)) {
                problems.add(new PreflightProblem(host.host(), "port " + port + " is already in use",
                        "stop what listens there (ss -tlnp 'sport = :" + port + "'); " + owner + " needs it"));
            }
        });
    }

    private static void checkUniqueNodeNames(List<HostUnderCheck> hosts, List<PreflightProblem> problems) {
        Map<String, String> firstByName = new HashMap<>();
        for (HostUnderCheck host : hosts) {
            boolean isNode = host.roles().contains(Role.SERVER) || host.roles().contains(Role.WORKER);
            if (!isNode) {
                continue;
            }
            String name = host.effectiveNodeName();
            String first = firstByName.putIfAbsent(name, host.host());
            if (first != null) {
                problems.add(new PreflightProblem(host.host(), "node name '" + name + "' is also the node name of " + first,
                        "K3s refuses a second node of the same name: give the host a unique hostname, "
                                + "or set 'name' for it in the inventory"));
            }
        }
    }
}
