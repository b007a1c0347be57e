package io.k3j.apply;

import io.k3j.facts.HostFacts;
import io.k3j.inventory.Host;
import io.k3j.inventory.IpLiteral;
import io.k3j.plan.EtcdFormation;
import io.k3j.plan.HostKnowledge;
import io.k3j.plan.LiveEtcdMember;
import io.k3j.plan.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What the planner needs about hosts, from their gathered facts and the cluster's nodes as read before any change. */
public final class FactsKnowledge implements HostKnowledge {
    private static final ClusterNodes.Read NOT_READ = new ClusterNodes.Read(List.of(), Optional.of("the nodes were not read"));

    private final Map<String, HostFacts> facts;
    private final Supplier<ClusterNodes.Read> nodes;

    public FactsKnowledge(Map<String, HostFacts> facts) {
        this(facts, () -> NOT_READ);
    }

    /** With {@code nodes}, asked only when a plan needs them (read once per session: {@link RunningVersions#nodes}). */
    FactsKnowledge(Map<String, HostFacts> facts, Supplier<ClusterNodes.Read> nodes) {
        this.facts = facts;
        this.nodes = nodes;
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
    public Optional<String> k3sVersion(Host host) {
        HostFacts known = facts.get(host.address());
        return known == null ? Optional.empty() : known.k3sVersion();
    }

    @Override
    public String postgresMajor(Host host) {
        HostFacts known = facts.get(host.address());
        // A number only (the preflight refused anything else): it becomes part of a path.
        return known == null ? "15" : known.postgresqlMajor().filter(major -> major.matches("\\d{1,3}")).orElse("15");
    }

    @Override
    public String nodeName(Host host) {
        return host.name().orElseGet(() -> facts.get(host.address()).defaultNodeName());
    }

    /** Nodes that could not be read leave it open (the uncordon then reads the node itself). */
    @Override
    public boolean mayBeCordonedByK3j(Host host) {
        ClusterNodes.Read read = nodes.get();
        return read.failure().isPresent()
                || read.find(nodeName(host)).map(node -> node.annotations().containsKey(Operation.Cordon.MARK)).orElse(false);
    }

    /** A config without a state was formed new, etcd's default. */
    @Override
    public Optional<EtcdFormation> etcdFormation(Host host) {
        HostFacts known = facts.get(host.address());
        if (known == null || known.etcdCluster().isEmpty()) {
            return Optional.empty();
        }
        return EtcdFormation.parse(known.etcdCluster().get(), known.etcdClusterState().orElse(EtcdFormation.NEW));
    }

    @Override
    public Optional<List<LiveEtcdMember>> etcdMembers(Host host) {
        HostFacts known = facts.get(host.address());
        return known == null ? Optional.empty() : known.etcdMembers().map(LiveEtcdMember::parseAll);
    }
}
