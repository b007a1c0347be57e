package io.k3j.apply;

import io.k3j.facts.HostFacts;
import io.k3j.inventory.Host;
import io.k3j.inventory.IpLiteral;
import io.k3j.plan.HostKnowledge;
import java.util.Map;

/** What the planner needs about hosts, from their gathered facts. */
public final class FactsKnowledge implements HostKnowledge {
    private final Map<String, HostFacts> facts;

    public FactsKnowledge(Map<String, HostFacts> facts) {
        this.facts = facts;
    }

    @Override
    public String arch(Host host) {
        return facts.get(host.address()).k3sArch().orElse("amd64");
    }

    /** The inventory's address when it is an IP; for a DNS name, the host's first address. */
    @Override
    public String ip(Host host) {
        boolean isIp = host.address().matches("[0-9.]+") || host.address().contains(":");
        if (isIp) {
            return host.address();
        }
        HostFacts known = facts.get(host.address());
        // The preflight refused hosts with other addresses; only an IP literal may ever reach another host's files.
        return known == null ? host.address() : known.addresses().stream().filter(IpLiteral::is).findFirst().orElse(host.address());
    }

    @Override
    public String nodeName(Host host) {
        return host.name().orElseGet(() -> facts.get(host.address()).defaultNodeName());
    }

    @Override
    public String postgresMajor(Host host) {
        HostFacts known = facts.get(host.address());
        // A number only (the preflight refused anything else): it becomes part of a path.
        return known == null ? "15" : known.postgresqlMajor().filter(major -> major.matches("\\d{1,3}")).orElse("15");
    }
}
