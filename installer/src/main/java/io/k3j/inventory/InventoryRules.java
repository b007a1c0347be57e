package io.k3j.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules across sections and hosts, checked once the model is read. */
final class InventoryRules {
    private final Problems problems;

    InventoryRules(Problems problems) {
        this.problems = problems;
    }

    void check(Inventory inventory) {
        checkUniqueHosts(inventory);
        checkPodNetworkRoom(inventory);
    }

    /** Every node gets a pod range of cluster-cidr: the first node past the last range is refused, where it is written. */
    private void checkPodNetworkRoom(Inventory inventory) {
        Map<String, Object> serverConfig = inventory.k3s().serverConfig();
        List<Host> nodes = new ArrayList<>();
        if (!Boolean.TRUE.equals(serverConfig.get("disable-agent"))) {
            nodes.addAll(inventory.servers().hosts());
        }
        nodes.addAll(inventory.workers().hosts());
        PodNetworkCapacity.of(serverConfig).filter(capacity -> nodes.size() > capacity.nodes()).ifPresent(capacity -> {
            Host first = nodes.get(capacity.nodes());
            boolean server = inventory.servers().hosts().contains(first);
            problems.add(first.position(), server ? "spec.servers.hosts" : "spec.workers.hosts", "node " + (capacity.nodes() + 1)
                    + " of " + nodes.size() + ": the pod network has room for " + capacity.nodes() + " nodes, " + capacity.describe()
                    + "; a node past it gets no pod range, so its pod network never starts; set spec.k3s.serverConfig."
                    + "cluster-cidr to a /" + capacity.prefixFor(nodes.size()) + " or wider, clear of service-cidr and the hosts' networks");
        });
    }

    /**
     * A host is a server or a worker, not both; a node name and an address are used once. A
     * provisioned datastore's hosts are none of these: a server sharing its host would lose its
     * datastore and its control plane at once, and an etcd member sharing a host with another would
     * turn one host down into two members down.
     */
    private void checkUniqueHosts(Inventory inventory) {
        Map<String, String> roleByAddress = new HashMap<>();
        Map<String, String> roleByNodeName = new HashMap<>();
        Map<String, String> memberNames = new HashMap<>();
        inventory.datastore().provision().ifPresent(provision -> provision.hosts().forEach(host -> {
            claim(roleByAddress, host.address(), "datastore host", host, "spec.datastore.provision", "address");
            host.name().ifPresent(name -> claim(memberNames, name, "datastore host", host, "spec.datastore.provision", "name"));
        }));
        for (Host host : inventory.servers().hosts()) {
            claim(roleByAddress, host.address(), "server", host, "spec.servers.hosts", "address");
            host.name().ifPresent(name -> claim(roleByNodeName, name, "server", host, "spec.servers.hosts", "node name"));
        }
        for (Host host : inventory.workers().hosts()) {
            claim(roleByAddress, host.address(), "worker", host, "spec.workers.hosts", "address");
            host.name().ifPresent(name -> claim(roleByNodeName, name, "worker", host, "spec.workers.hosts", "node name"));
        }
        inventory.registration().haproxy().ifPresent(haproxy -> {
            Map<String, String> loadBalancers = new HashMap<>();
            for (Host host : haproxy.hosts()) {
                claim(loadBalancers, host.address(), "load balancer", host, "spec.registration.haproxy.hosts", "address");
                if ("datastore host".equals(roleByAddress.get(host.address()))) {
                    problems.add(host.position(), "spec.registration.haproxy.hosts", "'" + host.address()
                            + "' is also a datastore host: put HAProxy on other hosts, so one host down takes one part of the cluster down");
                }
                if ("server".equals(roleByAddress.get(host.address()))) {
                    problems.add(host.position(), "spec.registration.haproxy.hosts", "'" + host.address()
                            + "' is also a server: HAProxy and the K3s server would both listen on port "
                            + inventory.registration().port() + "; put HAProxy on other hosts");
                }
            }
        });
    }

    private void claim(Map<String, String> claimed, String key, String role, Host host, String path, String what) {
        String earlier = claimed.putIfAbsent(key, role);
        if (earlier != null) {
            String users = earlier.equals(role) ? "two " + role + "s" : "a " + earlier + " and a " + role;
            problems.add(host.position(), path, "the " + what + " '" + key + "' is used by " + users
                    + "; each host has one role and each node a unique name");
        }
    }
}
