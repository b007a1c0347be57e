package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.K3sToken;
import io.k3j.plan.Paths;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The secrets a cluster keeps when the inventory does not give them: the token and the agent token
 * (in every server's {@code server/token} and {@code server/agent-token}, as K3s writes them), a
 * generated datastore password (on the datastore host), and the agents' secure token (the first
 * server's {@code server/agent-token}). Read back and checked on every apply ({@link KeptTokens}),
 * so a second apply renders the same files; generated only when the cluster has none yet.
 */
public final class KeptSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptSecrets() {
    }

    /** What the hosts keep, with a new token, agent token and password where the inventory and the hosts have none. */
    public static ClusterValues.Kept readOrGenerate(Inventory inventory, ConnectedHosts hosts) {
        ClusterValues.Kept kept = read(inventory, hosts);
        return new ClusterValues.Kept(kept.token().or(() -> Optional.of(random())),
                kept.datastorePassword().or(() -> Optional.of(random())), kept.agentToken().or(() -> Optional.of(random())),
                kept.agentJoinToken());
    }

    /**
     * What the hosts keep now (for an online plan: nothing is generated).
     *
     * @throws KeptSecretsConflict when the servers disagree or a file does not hold what was generated
     */
    public static ClusterValues.Kept read(Inventory inventory, ConnectedHosts hosts) {
        List<KeptTokens.ServerFiles> servers = inventory.servers().hosts().stream().map(server -> new KeptTokens.ServerFiles(
                server.address(), file(hosts, server, Paths.SERVER_TOKEN), file(hosts, server, Paths.AGENT_TOKEN))).toList();
        KeptTokens.Agreed tokens = KeptTokens.agree(servers, inventory.k3s().token().isPresent(),
                inventory.k3s().agentToken().isPresent());
        Optional<String> password = inventory.datastore().provision()
                .filter(provision -> provision.password().isEmpty())
                .flatMap(provision -> datastorePassword(hosts, provision.first()));
        return new ClusterValues.Kept(tokens.token(), password, tokens.agentToken(), tokens.agentJoinToken());
    }

    /** A generated datastore password as kept, refused in any other form: it goes into SQL and the endpoint URL. */
    private static Optional<String> datastorePassword(ConnectedHosts hosts, Host host) {
        Optional<String> password = file(hosts, host, Paths.DATASTORE_PASSWORD);
        if (password.isPresent() && !K3sToken.isGenerated(password.get())) {
            throw new KeptSecretsConflict(List.of(host.address() + ": " + Paths.DATASTORE_PASSWORD + " does not hold a password "
                    + "k3j-install generated (32 hex characters); set spec.datastore.provision.password to the datastore's "
                    + "password, or restore the file"));
        }
        return password;
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
