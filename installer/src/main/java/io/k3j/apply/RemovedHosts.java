package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Position;
import io.k3j.plan.ManagedHosts;
import io.k3j.plan.Paths;
import io.k3j.plan.Removal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The nodes k3j-install manages that the inventory no longer names: read from the record every
 * server keeps ({@link ManagedHosts}; the servers' records joined, so a server that missed an
 * apply does not hide a host), then each connected for its clean-up, or marked unreachable.
 */
public final class RemovedHosts {

    private RemovedHosts() {
    }

    /** The record's hosts missing from the inventory, in the record's order. */
    public static List<ManagedHosts.Entry> find(Inventory inventory, ConnectedHosts hosts) {
        Set<String> kept = inventory.allHosts().stream().map(roled -> roled.host().address()).collect(Collectors.toSet());
        Map<String, ManagedHosts.Entry> recorded = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Host server : inventory.servers().hosts()) {
            Optional<String> text = hosts.host(server.address()).readFile(Paths.MANAGED_HOSTS)
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
            if (text.isEmpty()) {
                continue;
            }
            Optional<List<ManagedHosts.Entry>> entries = ManagedHosts.parse(text.get());
            if (entries.isEmpty()) {
                unreadable.add(server.address());
            } else {
                entries.get().forEach(entry -> recorded.putIfAbsent(entry.address(), entry));
            }
        }
        if (!unreadable.isEmpty()) {
            throw new KeptSecretsConflict(List.of(String.join(", ", unreadable) + ": " + Paths.MANAGED_HOSTS + " holds a line k3j-install "
                    + "does not write (each is 'server|worker <address> <node name>'); mend it or remove the file (a host taken out "
                    + "of the inventory is then no longer seen)"));
        }
        return recorded.values().stream().filter(entry -> !kept.contains(entry.address())).toList();
    }

    /** Each removed host connected (added to {@code hosts}) when it can be; unreachable ones say so. */
    public static List<Removal> connect(List<ManagedHosts.Entry> removed, ConnectedHosts hosts) throws InterruptedException {
        Map<String, Host> byAddress = new LinkedHashMap<>();
        removed.forEach(entry -> byAddress.put(entry.address(), host(entry)));
        Map<String, Boolean> reachable = hosts.connectMore(new ArrayList<>(byAddress.values()));
        return removed.stream().map(entry -> new Removal(entry, reachable.getOrDefault(entry.address(), false))).toList();
    }

    /**
     * The hosts of the etcd members that leave the cluster ({@code addresses}, from their peer URLs),
     * each connected (added to {@code hosts}) when it can be, for its clean-up: those reached.
     */
    public static Set<String> connectLeftMembers(List<String> addresses, ConnectedHosts hosts) throws InterruptedException {
        List<Host> left = addresses.stream().distinct().filter(address -> hosts.host(address) == null)
                .map(address -> host(address, Optional.empty())).toList();
        Map<String, Boolean> reachable = hosts.connectMore(left);
        return addresses.stream().filter(address -> hosts.host(address) != null && reachable.getOrDefault(address, true))
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Host host(ManagedHosts.Entry entry) {
        return host(entry.address(), Optional.of(entry.nodeName()));
    }

    /** A removed host as the inventory's SSH settings reach it (its own settings left the inventory with it). */
    private static Host host(String address, Optional<String> name) {
        return new Host(address, name, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of(), List.of(), Optional.empty(), Position.START);
    }
}
