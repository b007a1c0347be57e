package io.k3j.apply;

import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The cluster's nodes, read on a server with {@code k3s kubectl get nodes -o json} (JSON is YAML to SnakeYAML). */
public final class ClusterNodes {

    private ClusterNodes() {
    }

    /**
     * What one {@code k3s kubectl get nodes -o json} gave: the nodes, or kubectl's error. A server
     * still starting refuses the connection or answers 503 {@code apiserver not ready} for a while,
     * so a wait asks again rather than give up on the first error.
     */
    record Read(List<Node> nodes, Optional<String> failure) {
        Optional<Node> find(String name) {
            return ClusterNodes.find(nodes, name);
        }
    }

    static Read read(RemoteHost server) {
        ExecResult result = server.run(RemoteCommand.asRoot("k3s kubectl get nodes -o json"));
        if (!result.ok()) {
            return new Read(List.of(), Optional.of("k3s kubectl get nodes failed on " + server.name() + " (exit " + result.exitStatus()
                    + "): " + result.stderr().strip()));
        }
        return new Read(parse(result.stdout()), Optional.empty());
    }

    /** The nodes of a v1 NodeList as {@code kubectl get nodes -o json} prints it. */
    @SuppressWarnings("unchecked")
    public static List<Node> parse(String json) {
        Object list = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        if (!(list instanceof Map<?, ?> map) || !(map.get("items") instanceof List<?> items)) {
            throw new IllegalStateException("kubectl did not print a NodeList");
        }
        List<Node> nodes = new ArrayList<>();
        items.forEach(item -> nodes.add(Node.of((Map<String, Object>) item)));
        return nodes;
    }

    static Optional<Node> find(List<Node> nodes, String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst();
    }
}
