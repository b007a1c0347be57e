package io.k3j.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A valid inventory, with every default applied. Built only by {@link InventoryLoader}, then
 * completed with the datastore certificates k3j-install made ({@link #withDatastore}).
 */
public record Inventory(
        Path file,
        String name,
        SshSettings ssh,
        K3sSettings k3s,
        Datastore datastore,
        Servers servers,
        Registration registration,
        Workers workers) {

    public static final String API_VERSION = "k3j/v1";
    public static final String KIND = "Cluster";

    /** Every host once, with the roles it has, in step order. */
    public List<RoledHost> allHosts() {
        List<RoledHost> hosts = new ArrayList<>();
        datastore.provision().ifPresent(provision -> provision.hosts().forEach(host -> hosts.add(new RoledHost(host, Role.DATASTORE))));
        servers.hosts().forEach(host -> hosts.add(new RoledHost(host, Role.SERVER)));
        registration.haproxy().ifPresent(haproxy -> haproxy.hosts()
                .forEach(host -> hosts.add(new RoledHost(host, Role.LOAD_BALANCER))));
        workers.hosts().forEach(host -> hosts.add(new RoledHost(host, Role.WORKER)));
        return hosts;
    }

    public Inventory withDatastore(Datastore completed) {
        return new Inventory(file, name, ssh, k3s, completed, servers, registration, workers);
    }

    public Path directory() {
        return InventoryPaths.folderOf(file);
    }

    public enum Role { DATASTORE, SERVER, LOAD_BALANCER, WORKER }

    public record RoledHost(Host host, Role role) {
    }
}
