package io.k3j.apply;

import io.k3j.facts.FactsGatherer;
import io.k3j.facts.HostFacts;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.lock.HostLocks;
import io.k3j.lock.LockHolder;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.RunLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every host of the inventory, connected once (in parallel) and with its facts gathered; closed
 * together at the end of the run. Any host that cannot be reached or read fails the whole
 * connect, listing every such host, before anything is changed anywhere; a reset connects
 * those it can reach ({@link #connectReachable}).
 */
public final class ConnectedHosts implements AutoCloseable {
    private final Map<String, RemoteHost> hosts;
    private final Map<String, HostFacts> facts;
    private final RunLog log;
    private ClusterNodes.Read nodesBeforeChanges;
    private final HostConnector connector;
    private final WaveRunner runner;
    private final Map<String, String> unreachable = new LinkedHashMap<>();
    private HostLocks locks;

    /** Hosts connected by a test, which connects no more. */
    ConnectedHosts(Map<String, RemoteHost> hosts, Map<String, HostFacts> facts, RunLog log) {
        this(hosts, facts, log, host -> {
            throw new IllegalStateException("this test connects no host beyond " + hosts.keySet());
        }, new WaveRunner(1, Clock.systemUTC()));
    }

    ConnectedHosts(Map<String, RemoteHost> hosts, Map<String, HostFacts> facts, RunLog log, HostConnector connector, WaveRunner runner) {
        this.hosts = new ConcurrentHashMap<>(hosts);
        this.facts = facts;
        this.log = log;
        this.connector = connector;
        this.runner = runner;
    }

    public static ConnectedHosts connect(Inventory inventory, HostConnector connector, RunLog log, WaveRunner runner)
            throws InterruptedException {
        ConnectedHosts connected = connectReachable(inventory, connector, log, runner);
        if (!connected.unreachable.isEmpty()) {
            connected.close();
            throw new UnreachableHostsException(connected.unreachable);
        }
        return connected;
    }

    /**
     * Every host of the inventory that can be reached and read, connected; the others named in
     * {@link #unreachable} (a reset goes on past them).
     */
    public static ConnectedHosts connectReachable(Inventory inventory, HostConnector connector, RunLog log, WaveRunner runner)
            throws InterruptedException {
        Map<String, Host> byAddress = new LinkedHashMap<>();
        inventory.allHosts().forEach(roled -> byAddress.putIfAbsent(roled.host().address(), roled.host()));
        List<WaveRunner.HostOutcome<Connected>> outcomes = runner.run(new ArrayList<>(byAddress.keySet()), address -> {
            RemoteHost host = connector.connect(byAddress.get(address));
            try {
                return new Connected(host, FactsGatherer.gather(host));
            } catch (RuntimeException e) {
                host.close();
                throw e;
            }
        });
        Map<String, RemoteHost> hosts = new LinkedHashMap<>();
        Map<String, HostFacts> facts = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (WaveRunner.HostOutcome<Connected> outcome : outcomes) {
            if (outcome.failed()) {
                failures.put(outcome.host(), outcome.failure().getMessage());
            } else {
                hosts.put(outcome.host(), outcome.result().host());
                facts.put(outcome.host(), outcome.result().facts());
            }
        }
        ConnectedHosts connected = new ConnectedHosts(hosts, facts, log, connector, runner);
        connected.unreachable.putAll(failures);
        return connected;
    }

    private record Connected(RemoteHost host, HostFacts facts) {
    }

    /**
     * The cluster's nodes as {@code read} gives them the first time they are asked for, kept for
     * the rest of the session: the preflight asks first, before anything changes.
     */
    synchronized ClusterNodes.Read nodesBeforeChanges(Supplier<ClusterNodes.Read> read) {
        if (nodesBeforeChanges == null) {
            nodesBeforeChanges = read.get();
        }
        return nodesBeforeChanges;
    }

    /**
     * Hosts beyond the inventory's (taken out of it, to be cleaned), connected in parallel without
     * gathering facts; says which could be reached. Why the others could not is {@link #unreachable}.
     */
    Map<String, Boolean> connectMore(List<Host> more) throws InterruptedException {
        Map<String, Host> byAddress = new LinkedHashMap<>();
        more.forEach(host -> byAddress.put(host.address(), host));
        Map<String, Boolean> reached = new LinkedHashMap<>();
        for (WaveRunner.HostOutcome<RemoteHost> outcome : runner.run(new ArrayList<>(byAddress.keySet()),
                address -> connector.connect(byAddress.get(address)))) {
            reached.put(outcome.host(), !outcome.failed());
            if (outcome.failed()) {
                unreachable.put(outcome.host(), outcome.failure().getMessage());
            } else {
                hosts.put(outcome.host(), outcome.result());
            }
        }
        return reached;
    }

    /** What each host {@link #connectMore} (or {@link #connectReachable}) could not reach said, by address. */
    public Map<String, String> unreachable() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(unreachable));
    }

    public RemoteHost host(String address) {
        return hosts.get(address);
    }

    public HostFacts facts(String address) {
        return facts.get(address);
    }

    public Map<String, HostFacts> allFacts() {
        return facts;
    }

    /** The run's log, shared by every host: secrets found during the run are added to what it masks. */
    public RunLog runLog() {
        return log;
    }

    /**
     * Takes the apply lock on every connected host ({@link HostLocks#take}), held until {@link #close()};
     * throws {@link io.k3j.lock.LockTaken} when another run holds one, {@link InterruptedException} when
     * its wait is interrupted; each wait said to {@code waiting}, each lock taken over from a run of this
     * machine that is gone to {@code takenOver}.
     */
    public void lock(LockHolder holder, Duration wait, Consumer<String> waiting, Consumer<String> takenOver) throws InterruptedException {
        locks = HostLocks.take(Map.copyOf(hosts), holder, wait, waiting, takenOver);
    }

    /** The locks released first, while the connections they ride on are still there. */
    @Override
    public void close() {
        if (locks != null) {
            locks.close();
        }
        hosts.values().forEach(RemoteHost::close);
    }
}
