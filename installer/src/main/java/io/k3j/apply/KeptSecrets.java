package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.Paths;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The secrets a cluster keeps when the inventory does not give them: the token (in the servers'
 * {@code server/token}, as K3s writes it), a generated datastore password (on the datastore
 * host), the agents' token (the first server's {@code node-token}). Read back on every apply, so
 * a second apply renders the same files; generated only when the cluster has none yet.
 */
public final class KeptSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptSecrets() {
    }

    /** What the hosts keep, with a new token and password where the inventory and the hosts have none. */
    public static ClusterValues.Kept readOrGenerate(Inventory inventory, ConnectedHosts hosts) {
        ClusterValues.Kept kept = read(inventory, hosts);
        return new ClusterValues.Kept(kept.token().or(() -> Optional.of(random())),
                kept.datastorePassword().or(() -> Optional.of(random())), kept.agentToken());
    }

    /** What the hosts keep now (for an online plan: nothing is generated). */
    public static ClusterValues.Kept read(Inventory inventory, ConnectedHosts hosts) {
        Optional<String> token = Optional.empty();
        Optional<String> agentToken = Optional.empty();
        for (Host server : inventory.servers().hosts()) {
            if (token.isEmpty()) {
                token = file(hosts, server, Paths.SERVER_TOKEN).map(KeptSecrets::password);
            }
            if (agentToken.isEmpty()) {
                agentToken = file(hosts, server, Paths.NODE_TOKEN);
            }
        }
        Optional<String> password = inventory.datastore().provision()
                .flatMap(provision -> file(hosts, provision.host(), Paths.DATASTORE_PASSWORD));
        return new ClusterValues.Kept(token, password, agentToken);
    }

    /** The password part of a full token {@code K10<hash>::server:<password>}: what was given as the token. */
    static String password(String token) {
        int at = token.indexOf("::server:");
        return at < 0 ? token : token.substring(at + "::server:".length());
    }

    private static Optional<String> file(ConnectedHosts hosts, Host host, String path) {
        return hosts.host(host.address()).readFile(path).map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                .filter(text -> !text.isEmpty());
    }

    /** 32 hex characters, as K3s generates its own (util.Random(16)): safe in URLs, SQL and YAML alike. */
    private static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
