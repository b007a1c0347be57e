package io.k3j.apply;

import io.k3j.ssh.ExecResult;
import io.k3j.ssh.HostKeyException;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import io.k3j.ssh.SshException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

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
        Asked asked = ask(server, "k3s kubectl get nodes -o json");
        if (asked.unanswered().isPresent()) {
            return new Read(List.of(), asked.unanswered());
        }
        ExecResult result = asked.result();
        if (!result.ok()) {
            return new Read(List.of(), Optional.of("k3s kubectl get nodes failed on " + server.name() + " (exit " + result.exitStatus()
                    + "): " + result.stderr().strip()));
        }
        try {
            return new Read(parse(result.stdout()), Optional.empty());
        } catch (NotANodeList e) {
            // An API half up, or a kubectl that printed something else: the host's answer, not a bug here; asked again.
            return new Read(List.of(), Optional.of("k3s kubectl get nodes on " + server.name() + " printed no NodeList: "
                    + firstLine(result.stdout())));
        }
    }

    /** What one {@code k3s kubectl get node <name> -o json} gave: the node (empty when it is not registered), or kubectl's error. */
    record ReadOne(Optional<Node> node, Optional<String> failure) {
    }

    /** One node, asked for by name ({@code --ignore-not-found}: a node not registered yet prints nothing). */
    @SuppressWarnings("unchecked")
    static ReadOne readNode(RemoteHost server, String name) {
        Asked asked = ask(server, "k3s kubectl get node " + Shell.quote(name) + " --ignore-not-found -o json");
        if (asked.unanswered().isPresent()) {
            return new ReadOne(Optional.empty(), asked.unanswered());
        }
        ExecResult result = asked.result();
        if (!result.ok()) {
            return new ReadOne(Optional.empty(), Optional.of("k3s kubectl get node " + name + " failed on " + server.name()
                    + " (exit " + result.exitStatus() + "): " + result.stderr().strip()));
        }
        if (result.stdout().isBlank()) {
            return new ReadOne(Optional.empty(), Optional.empty());
        }
        try {
            Object node = load(result.stdout());
            if (node instanceof Map<?, ?> map && "Node".equals(map.get("kind"))) {
                return new ReadOne(Optional.of(Node.of((Map<String, Object>) map)), Optional.empty());
            }
        } catch (YAMLException | ClassCastException e) {
            // below: the host's answer, not a bug here
        }
        return new ReadOne(Optional.empty(), Optional.of("k3s kubectl get node " + name + " on " + server.name() + " printed no Node: "
                + firstLine(result.stdout())));
    }

    /** kubectl's result, or why the server could not be asked at all. */
    private record Asked(ExecResult result, Optional<String> unanswered) {
    }

    /**
     * A connection that dropped and did not come back (the host stopping, booting or cut off) is the
     * server's state of the moment, like an API not up yet: the waits ask again within their deadline.
     * A changed host key is no such state: it is refused at once, naming the host.
     */
    private static Asked ask(RemoteHost server, String command) {
        try {
            return new Asked(server.run(RemoteCommand.asRoot(command)), Optional.empty());
        } catch (HostKeyException e) {
            throw e;
        } catch (SshException e) {
            return new Asked(null, Optional.of("could not ask " + server.name() + ": " + e.getMessage()));
        }
    }

    /** The nodes of a v1 NodeList as {@code kubectl get nodes -o json} prints it; {@link NotANodeList} for anything else. */
    @SuppressWarnings("unchecked")
    public static List<Node> parse(String json) {
        try {
            Object list = load(json);
            if (!(list instanceof Map<?, ?> map) || !(map.get("items") instanceof List<?> items)) {
                throw new NotANodeList();
            }
            List<Node> nodes = new ArrayList<>();
            items.forEach(item -> nodes.add(Node.of((Map<String, Object>) item)));
            return nodes;
        } catch (YAMLException | ClassCastException e) {
            throw new NotANodeList();
        }
    }

    /**
     * kubectl's JSON as SnakeYAML reads it, with no code point limit but the text's own length: the
     * text is in memory whole already, and SnakeYAML's default limit (3 MiB) is a NodeList of some
     * 800 K3s nodes, past which every node wait would take the list for no list at all (docs/scale.md).
     */
    private static Object load(String json) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Math.max(options.getCodePointLimit(), json.length()));
        return new Yaml(new SafeConstructor(options)).load(json);
    }

    /** What kubectl printed was not a NodeList (another document, a partial one, or no JSON at all). */
    public static final class NotANodeList extends RuntimeException {
        NotANodeList() {
            super("kubectl did not print a NodeList");
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("(nothing)");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    static Optional<Node> find(List<Node> nodes, String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst();
    }
}
