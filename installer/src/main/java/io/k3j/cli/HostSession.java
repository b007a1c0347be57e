package io.k3j.cli;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.FactsKnowledge;
import io.k3j.apply.HostConnector;
import io.k3j.apply.KeptSecretsConflict;
import io.k3j.apply.RemovedHosts;
import io.k3j.apply.RunningVersions;
import io.k3j.apply.TargetRelease;
import io.k3j.apply.Targets;
import io.k3j.apply.UnreachableHostsException;
import io.k3j.apply.WaveRunner;
import io.k3j.backup.UpgradeBackup;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Inventory.RoledHost;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.K3sVersion;
import io.k3j.lock.HostLock;
import io.k3j.lock.LockTaken;
import io.k3j.output.Output;
import io.k3j.plan.EtcdMember;
import io.k3j.plan.EtcdMembershipChange;
import io.k3j.plan.LiveEtcdMember;
import io.k3j.plan.Removal;
import io.k3j.preflight.EtcdMembership;
import io.k3j.preflight.Preflight;
import io.k3j.preflight.PreflightProblem;
import io.k3j.preflight.RegistrationOutage;
import io.k3j.preflight.RunningNodes;
import io.k3j.preflight.UpgradeInView;
import io.k3j.ssh.HostKeyPolicy;
import io.k3j.ssh.RunLog;
import io.k3j.ssh.SshException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The part every online command shares: connect to every host in parallel, gather facts, run the
 * preflight (the facts' checks, then whether the target release is there for the nodes that
 * install it); for an upgrade, the backup first (plan says it, apply takes it). Any failure lists
 * every host's problem and ends the command before a host is changed.
 */
final class HostSession {

    private HostSession() {
    }

    /** What a session is for, as far as an upgrade's backup goes. */
    enum Purpose {
        /** plan, apply --dry-run: say what the backup before an upgrade will be. */
        PLAN,
        /** apply: take it, before any host changes. */
        APPLY,
        /** backup, restore, kubeconfig: no upgrade runs. */
        NO_UPGRADE
    }

    /** For a command that changes nothing: no lock taken. */
    static ConnectedHosts open(Inventory inventory, SshOptions ssh, Path logFile, CommandContext context, Clock clock) {
        return open(inventory, ssh, new UpgradeRulesOptions(), Purpose.NO_UPGRADE, Optional.empty(), logFile, context, clock);
    }

    /** For a command that changes the cluster but upgrades nothing (restore, certificates rotate): every host locked first. */
    static ConnectedHosts openLocked(Inventory inventory, SshOptions ssh, LockOptions lock, Path logFile, CommandContext context,
                                     Clock clock) {
        return open(inventory, ssh, new UpgradeRulesOptions(), Purpose.NO_UPGRADE, Optional.of(lock), logFile, context, clock);
    }

    /**
     * As {@link #open(Inventory, SshOptions, Path, CommandContext, Clock)}, with what the upgrade rules may let through,
     * and the backup before an upgrade said ({@link Purpose#PLAN}) or taken ({@link Purpose#APPLY}); with {@code lock},
     * the apply lock taken on every host as soon as they are connected, before anything else is read.
     */
    static ConnectedHosts open(Inventory inventory, SshOptions ssh, UpgradeRulesOptions upgrade, Purpose purpose,
                               Optional<LockOptions> lock, Path logFile, CommandContext context, Clock clock) {
        Output output = context.output();
        Optional<Path> backupParent = upgrade.backupParent(inventory);
        Connection connection = connection(inventory, ssh, logFile, context, clock);
        ConnectedHosts connected;
        try {
            connected = ConnectedHosts.connect(inventory, connection.connector(), connection.log(), new WaveRunner(ssh.parallel(), clock));
        } catch (UnreachableHostsException e) {
            e.problems().forEach(problem -> {
                output.error(problem);
                output.event("host-unreachable", "message", problem);
            });
            etcdMembers(inventory).flatMap(members -> EtcdMember.quorumWithout(members, e.addresses()))
                    .ifPresent(quorum -> {
                        output.error(quorum);
                        output.event("datastore-quorum", "message", quorum);
                    });
            RegistrationOutage.without(inventory, e.addresses()).ifPresent(outage -> {
                output.error(outage);
                output.event("registration-unreachable", "message", outage);
            });
            throw new CliException(ExitCode.PREFLIGHT_FAILED, e.problems().size() + " of " + hostCount(inventory)
                    + " hosts could not be reached or used (each said above); no host was changed. The run log is " + logFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted while connecting; no host was changed");
        }
        if (lock.isPresent()) {
            takeLock(connected, lock.get(), context, clock);
        }
        K3sVersion target = targetVersion(inventory);
        RunningNodes running = beforeAnyChange(connected, () -> RunningVersions.read(inventory, connected));
        List<Preflight.HostUnderCheck> hosts = underCheck(inventory, connected);
        List<PreflightProblem> problems = new ArrayList<>(new Preflight(clock.instant(), target, running, upgrade.allowPatchDowngrade())
                .check(hosts));
        etcdProvision(inventory).ifPresent(provision -> {
            FactsKnowledge knowledge = new FactsKnowledge(connected.allFacts());
            problems.addAll(EtcdMembership.check(EtcdMembershipChange.of(provision, knowledge), knowledge));
        });
        try {
            problems.addAll(TargetRelease.check(inventory, target, connected, new WaveRunner(ssh.parallel(), clock)));
        } catch (InterruptedException e) {
            connected.close();
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted while checking the mirror for " + target + "; no host was changed");
        }
        if (!problems.isEmpty()) {
            connected.close();
            problems.forEach(problem -> {
                output.error(problem.toString());
                output.event("preflight", "host", problem.host(), "problem", problem.problem(), "fix", problem.fix());
            });
            throw new CliException(ExitCode.PREFLIGHT_FAILED, problems.size() + " preflight problem"
                    + (problems.size() == 1 ? "" : "s") + "; no host was changed");
        }
        output.info(output.style().success("✓ ") + "connected to " + hostCount(inventory) + " hosts; preflight passed");
        if (purpose != Purpose.NO_UPGRADE) {
            UpgradeBackup backup = UpgradeBackup.decide(inventory, UpgradeInView.moves(target, hosts, running), backupParent);
            BeforeUpgrade.show(backup, output);
            if (purpose == Purpose.APPLY) {
                try {
                    BeforeUpgrade.take(backup, inventory, new InventoryLoader(context.environment()::get).secrets(inventory), connected,
                            output, clock);
                } catch (RuntimeException e) {
                    connected.close();
                    throw e;
                }
            }
        }
        return connected;
    }

    /**
     * Every host's apply lock, or the command ends naming the host: exit 4 and the run that holds it,
     * or exit 130 when its wait is interrupted (Ctrl-C).
     */
    static void takeLock(ConnectedHosts connected, LockOptions lock, CommandContext context, Clock clock) {
        Output output = context.output();
        try {
            connected.lock(LockOptions.holder(context.environment(), clock), lock.waitLimit(), waiting -> {
                output.warning(waiting);
                output.event("lock-wait", "message", waiting);
            }, takenOver -> {
                output.warning(takenOver);
                output.event("lock-taken-over", "message", takenOver);
            });
        } catch (LockTaken e) {
            connected.close();
            output.event("lock-busy", "host", e.host(), "message", e.getMessage());
            throw new CliException(ExitCode.PREFLIGHT_FAILED, e.getMessage() + "; no host was changed. " + (e.byAnotherRun()
                    ? "Let that run end, or run again with --wait-for-lock. A run of this machine that is gone is taken over; "
                    + "one of another machine that is gone (cut off the network, its shell kept by sshd) is ended on the host by "
                    + "hand: " + HostLock.BY_HAND + " (docs/operations.md#the-apply-lock)"
                    : "Fix that host and run again (docs/operations.md#the-apply-lock)"));
        } catch (InterruptedException e) {
            connected.close();
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, e.getMessage() + "; no host was changed");
        } catch (RuntimeException e) {
            connected.close();
            throw e;
        }
        output.detail(1, "apply lock taken on every host");
        output.event("locked", "hosts", connected.allFacts().size());
    }

    /**
     * The hosts that can be reached, connected, with no preflight (a reset installs nothing); those
     * that cannot are in {@link ConnectedHosts#unreachable}, for the command to name; with {@code lock},
     * the apply lock taken on each of them first.
     */
    static ConnectedHosts openReachable(Inventory inventory, SshOptions ssh, Optional<LockOptions> lock, Path logFile,
                                        CommandContext context, Clock clock) {
        Connection connection = connection(inventory, ssh, logFile, context, clock);
        try {
            ConnectedHosts connected = ConnectedHosts.connectReachable(inventory, connection.connector(), connection.log(),
                    new WaveRunner(ssh.parallel(), clock));
            context.output().info(context.output().style().success("✓ ") + "connected to " + connected.allFacts().size() + " of "
                    + hostCount(inventory) + " hosts");
            if (lock.isPresent()) {
                takeLock(connected, lock.get(), context, clock);
            }
            return connected;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted while connecting; no host was changed");
        }
    }

    private record Connection(HostConnector connector, RunLog log) {
    }

    /** How this run reaches hosts: over SSH with the inventory's (or --known-hosts') host keys, every command in the run log. */
    private static Connection connection(Inventory inventory, SshOptions ssh, Path logFile, CommandContext context, Clock clock) {
        Targets targets = new Targets(inventory, new InventoryLoader(context.environment()::get).secrets(inventory));
        Path knownHosts = ssh.knownHosts() != null ? ssh.knownHosts() : targets.path(inventory.ssh().knownHosts());
        RunLog log = RunLog.create(logFile, clock);
        context.output().detail(1, "run log: " + logFile);
        return new Connection(HostConnector.overSsh(targets, new HostKeyPolicy(knownHosts, ssh.acceptNewHostKeys()), log, clock), log);
    }

    /**
     * {@code read} (the secrets the hosts keep, read back), or the command ends listing what is
     * wrong with them, each problem naming its hosts: no host was changed.
     */
    static <T> T keptSecrets(Supplier<T> read, CommandContext context) {
        try {
            return read.get();
        } catch (SshException e) {
            throw droppedOut(e);
        } catch (KeptSecretsConflict e) {
            e.problems().forEach(problem -> {
                context.output().error(problem);
                context.output().event("kept-secrets", "problem", problem);
            });
            throw new CliException(ExitCode.PREFLIGHT_FAILED, "the secrets kept on the hosts cannot be used as they are; "
                    + "no host was changed");
        }
    }

    /**
     * The hosts taken out of the inventory that k3j-install still manages (the servers' record), each
     * connected for its clean-up where it can be; the command ends (exit 4) when the record cannot be read.
     */
    static List<Removal> removals(Inventory inventory, ConnectedHosts hosts, CommandContext context) {
        try {
            return RemovedHosts.connect(keptSecrets(() -> RemovedHosts.find(inventory, hosts), context), hosts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted while connecting; no host was changed");
        }
    }

    /**
     * A read of the preflight, made outside any host's work: a host that drops out of it (stopped,
     * cut off, its key changed) ends the command before any change, naming the host.
     */
    private static <T> T beforeAnyChange(ConnectedHosts connected, Supplier<T> read) {
        try {
            return read.get();
        } catch (SshException e) {
            connected.close();
            throw droppedOut(e);
        }
    }

    private static CliException droppedOut(SshException e) {
        return new CliException(ExitCode.PREFLIGHT_FAILED, e.getMessage() + " (in the preflight, before any change); "
                + "no host was changed: once the host answers again, run the command again");
    }

    /** The members of the etcd k3j-install provisions, when it does. */
    private static Optional<List<EtcdMember>> etcdMembers(Inventory inventory) {
        return etcdProvision(inventory).map(EtcdMember::of);
    }

    private static Optional<Datastore.Provision> etcdProvision(Inventory inventory) {
        return inventory.datastore().provision().filter(provision -> inventory.datastore().type() == Datastore.Type.etcd);
    }

    /** The etcd members that leave the cluster ({@code described}), and those of their hosts connected for the clean-up. */
    record LeftMembers(List<String> described, Set<String> reached) {
        static final LeftMembers NONE = new LeftMembers(List.of(), Set.of());
    }

    /**
     * The members of the provisioned etcd cluster the inventory no longer names, their hosts
     * connected where they can be; one that cannot be reached is said, and only removed from the cluster.
     */
    static LeftMembers leftEtcdMembers(Inventory inventory, ConnectedHosts hosts, CommandContext context) {
        Optional<Datastore.Provision> provision = etcdProvision(inventory).filter(Datastore.Provision::clustered);
        if (provision.isEmpty()) {
            return LeftMembers.NONE;
        }
        List<LiveEtcdMember> leaving = EtcdMembershipChange.of(provision.get(), new FactsKnowledge(hosts.allFacts())).leaving();
        List<String> addresses = leaving.stream().flatMap(member -> member.peerHost().stream()).toList();
        try {
            Set<String> reached = RemovedHosts.connectLeftMembers(addresses, hosts);
            addresses.stream().filter(address -> !reached.contains(address)).forEach(address -> {
                String message = address + ": its etcd member leaves the cluster, but the host cannot be reached ("
                        + hosts.unreachable().getOrDefault(address, "not connected") + "): it is removed from the cluster, not "
                        + "cleaned; once it is back, stop k3j-etcd there and remove /var/lib/etcd/k3j";
                context.output().warning(message);
                context.output().event("etcd-member-unreachable", "host", address, "message", message);
            });
            return new LeftMembers(leaving.stream().map(LiveEtcdMember::described).toList(), reached);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.INTERRUPTED, "interrupted while connecting; no host was changed");
        }
    }

    private static List<Preflight.HostUnderCheck> underCheck(Inventory inventory, ConnectedHosts connected) {
        Map<String, Set<Inventory.Role>> roles = new LinkedHashMap<>();
        Map<String, RoledHost> first = new LinkedHashMap<>();
        for (RoledHost roled : inventory.allHosts()) {
            roles.computeIfAbsent(roled.host().address(), address -> EnumSet.noneOf(Inventory.Role.class)).add(roled.role());
            first.putIfAbsent(roled.host().address(), roled);
        }
        List<Preflight.HostUnderCheck> hosts = new ArrayList<>();
        roles.forEach((address, hostRoles) -> hosts.add(new Preflight.HostUnderCheck(address, hostRoles,
                connected.facts(address), first.get(address).host().name())));
        return hosts;
    }

    /** Valid once the inventory has loaded: its reader checked the form. */
    private static K3sVersion targetVersion(Inventory inventory) {
        return K3sVersion.parse(inventory.k3s().version()).orElseThrow(() -> new IllegalStateException(
                "k3s.version '" + inventory.k3s().version() + "' passed validation but does not parse"));
    }

    private static long hostCount(Inventory inventory) {
        return inventory.allHosts().stream().map(roled -> roled.host().address()).distinct().count();
    }
}
