package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.K3sVersion;
import io.k3j.ssh.LocalFiles;
import io.k3j.ssh.RemoteHost;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every host's work in an apply shares: the inventory, the connected hosts, how long to wait
 * for software to become ready, the operator's files to upload (each hashed once), and whether
 * the hosts are changed or only read ({@link Wet}).
 */
public final class ApplyContext {
    private final Inventory inventory;
    private final ConnectedHosts hosts;
    private final Duration readyLimit;
    private final Clock clock;
    private final Poll poll;
    private final DatastoreProbe datastoreProbe;
    private final LocalFiles localFiles = new LocalFiles();
    private final Wet wet;
    private final Lock oneRestartAtATime = new ReentrantLock(true);

    ApplyContext(Inventory inventory, ConnectedHosts hosts, Duration readyLimit, Clock clock, DatastoreProbe datastoreProbe, Wet wet) {
        this.inventory = inventory;
        this.hosts = hosts;
        this.readyLimit = readyLimit;
        this.clock = clock;
        this.poll = new Poll(clock);
        this.datastoreProbe = datastoreProbe;
        this.wet = wet;
    }

    Inventory inventory() {
        return inventory;
    }

    /** The connected host at {@code address}, or empty for an address that is not an inventory host (an existing LB). */
    Optional<RemoteHost> host(String address) {
        return Optional.ofNullable(hosts.host(address));
    }

    Host firstServerHost() {
        return inventory.servers().hosts().get(0);
    }

    /** The first server: where the cluster is read (token, nodes) and checks from inside the cluster run. */
    RemoteHost firstServer() {
        return hosts.host(firstServerHost().address());
    }

    /** The name K3s registers the host's node under: the inventory's, else the host's hostname in lower case. */
    String nodeName(Host host) {
        return host.name().orElseGet(() -> hosts.facts(host.address()).defaultNodeName());
    }

    /** The K3s release installed on the host when the run began, when it has one. */
    Optional<K3sVersion> k3sVersion(String address) {
        return hosts.facts(address).k3sVersion().flatMap(K3sVersion::parse);
    }

    boolean hasPackage(String address, String name) {
        return hosts.facts(address).hasPackage(name);
    }

    Optional<Host> inventoryHost(String address) {
        return inventory.allHosts().stream().map(Inventory.RoledHost::host).filter(host -> host.address().equals(address)).findFirst();
    }

    LocalFiles localFiles() {
        return localFiles;
    }

    Duration readyLimit() {
        return readyLimit;
    }

    Clock clock() {
        return clock;
    }

    /** For waits that ask again from here once a second: the nodes, as the first server reports them. */
    Poll poll() {
        return poll;
    }

    /** Held by a host while it restarts units that restart one host at a time (Operation.Services). */
    Lock oneRestartAtATime() {
        return oneRestartAtATime;
    }

    DatastoreProbe datastoreProbe() {
        return datastoreProbe;
    }

    Wet wet() {
        return wet;
    }
}
