package io.k3j.k3sdouble.nodes;

import io.k3j.k3sdouble.ConfigArgs;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's name as pkg/agent/config/config.go get() makes it, for agents and servers alike:
 * {@code node-name} or the hostname, in lower case (pkg/util GetHostnameAndIPs); with {@code with-node-id}, a {@code -<id>} suffix, the id
 * being 4 random bytes in hex kept in {@code /etc/rancher/node/id} (0644, ensureNodeID), so two
 * hosts with one hostname get two names and the same host keeps its name across restarts.
 */
public final class NodeName {
    /** Where K3s keeps the node id (and the node password beside it). */
    public static final Path ID_FILE = Path.of("/etc/rancher/node/id");

    private NodeName() {
    }

    public static String of(Map<String, List<String>> settings, Path idFile) throws IOException {
        // GetHostnameAndIPs lower-cases node-name and hostname alike (node names are DNS-1123 subdomains).
        String name = ConfigArgs.value(settings, "node-name").orElseGet(NodeName::hostname).toLowerCase(Locale.ROOT);
        boolean withNodeId = ConfigArgs.value(settings, "with-node-id").map(Boolean::parseBoolean).orElse(false);
        return withNodeId ? name + "-" + nodeId(idFile) : name;
    }

    private static String nodeId(Path idFile) throws IOException {
        if (Files.exists(idFile)) {
            return Files.readString(idFile).strip();
        }
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        String hex = HexFormat.of().formatHex(id);
        Files.createDirectories(idFile.getParent());
        Files.writeString(idFile, hex + "\n");
        Files.setPosixFilePermissions(idFile, PosixFilePermissions.fromString("rw-r--r--"));
        return hex;
    }

    public static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
