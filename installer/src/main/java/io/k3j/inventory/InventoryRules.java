package io.k3j.inventory;

import java.util.HashMap;
import java.util.Map;

/** Rules across sections and hosts, checked once the model is read. */
final class InventoryRules {
    private final Problems problems;

    InventoryRules(Problems problems) {
        this.problems = problems;
    }

    void check(Inventory inventory) {
        checkUniqueHosts(inventory);
    }

    /** A host is a server or a worker, not both; a node name and an address are used once. */
    private void checkUniqueHosts(Inventory inventory) {
        Map<String, String> roleByAddress = new HashMap<>();
        Map<String, String> roleByNodeName = new HashMap<>();
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
