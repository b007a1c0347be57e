package io.k3j.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads hosts and bastions, wherever they stand in the inventory. */
final class HostReader {
    private static final Set<String> HOST_KEYS = YamlMap.keys(
            "address", "name", "user", "port", "keyPath", "sudo", "bastion", "labels", "taints", "nodeIp");
    private static final Set<String> BASTION_KEYS = YamlMap.keys("address", "user", "port", "keyPath");

    private final Problems problems;

    HostReader(Problems problems) {
        this.problems = problems;
    }

    List<Host> hosts(YamlMap parent, String key) {
        return hosts(parent.list(key));
    }

    List<Host> hosts(List<YamlMap.Item> items) {
        List<Host> hosts = new ArrayList<>();
        for (YamlMap.Item item : items) {
            host(item.node(), item.path()).ifPresent(hosts::add);
        }
        return hosts;
    }

    Optional<Host> host(Node node, String path) {
        Optional<YamlMap> read = YamlMap.of(node, path, problems, HOST_KEYS);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = read.get();
        Optional<String> address = map.requiredString("address", "the host's IP address or DNS name");
        address.flatMap(Syntax::address).ifPresent(problem -> problems.add(map.positionOf("address"), map.child("address"), problem));
        Optional<String> name = map.string("name");
        name.flatMap(Syntax::nodeName).ifPresent(problem -> problems.add(map.positionOf("name"), map.child("name"), problem));
        Optional<String> nodeIp = map.string("nodeIp");
        nodeIp.filter(ip -> !Syntax.isIp(ip)).ifPresent(ip ->
                problems.add(map.positionOf("nodeIp"), map.child("nodeIp"), Shown.value(ip) + " is not an IPv4 or IPv6 address"));
        Map<String, String> labels = map.stringMap("labels");
        labels.forEach((labelKey, value) -> Syntax.label(labelKey, value)
                .ifPresent(problem -> problems.add(map.positionOf("labels"), map.child("labels"), problem)));
        List<String> taints = new ArrayList<>();
        for (YamlMap.Item item : map.list("taints")) {
            Optional<String> taint = scalarText(item);
            taint.flatMap(Syntax::taint).ifPresent(problem -> problems.add(item.position(), item.path(), problem));
            taint.ifPresent(taints::add);
        }
        if (address.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Host(address.get(), name, map.string("user"), map.integer("port", 1, 65535),
                map.string("keyPath"), map.bool("sudo"), bastion(map), Map.copyOf(labels), List.copyOf(taints), nodeIp,
                map.position()));
    }

    Optional<Bastion> bastion(YamlMap parent) {
        return parent.map("bastion", BASTION_KEYS).flatMap(map -> {
            Optional<String> address = map.requiredString("address", "the jump host's address");
            address.flatMap(Syntax::address).ifPresent(problem -> problems.add(map.positionOf("address"), map.child("address"), problem));
            return address.map(value -> new Bastion(value, map.string("user"), map.integer("port", 1, 65535), map.string("keyPath")));
        });
    }

    private Optional<String> scalarText(YamlMap.Item item) {
        if (item.node() instanceof ScalarNode scalar && Tag.STR.equals(scalar.getTag())) {
            return Optional.of(scalar.getValue());
        }
        problems.add(item.position(), item.path(), "expected a string, found " + YamlMap.describe(item.node()));
        return Optional.empty();
    }
}
