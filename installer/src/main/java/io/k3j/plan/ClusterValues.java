package io.k3j.plan;

import io.k3j.datastore.Endpoint;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.SecretResolver;
import io.k3j.inventory.SecretValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The values every host's files are rendered with that are not in the inventory as such: the
 * resolved secrets, the datastore endpoint the servers use, the agent token the servers accept
 * ({@code agent-token}) and the CA-pinning form of it the agents join with. Agents never get the
 * server token: whoever holds that can join a server and has the cluster. Before a first apply
 * some values are not known yet (a generated token, the cluster CA's hash): they are then shown as
 * placeholders saying where the value will come from.
 */
public record ClusterValues(String serverToken, String agentToken, String agentJoinToken, String datastoreEndpoint,
                            Optional<String> datastorePassword, Set<String> secrets) {

    static final String GENERATED_TOKEN = "<generated on the first apply, then read back from the servers>";
    static final String GENERATED_PASSWORD = "<generated on the first apply, kept on the datastore host>";

    /**
     * Values the inventory does not give but the cluster keeps: a token, an agent token and a
     * datastore password generated on the first apply (passwords, as given in config.yaml), and
     * the agents' secure token ({@code K10<ca-hash>::node:<agent password>}) read from a running server.
     */
    public record Kept(Optional<String> token, Optional<String> datastorePassword, Optional<String> agentToken,
                       Optional<String> agentJoinToken) {
        public static final Kept NOTHING = new Kept(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** What is known from the inventory alone: {@code plan --offline}. */
    public static ClusterValues offline(Inventory inventory, SecretResolver resolver) {
        return of(inventory, resolver, Kept.NOTHING);
    }

    /** The inventory's values, completed by what the cluster keeps; placeholders for what is not known yet. */
    public static ClusterValues of(Inventory inventory, SecretResolver resolver, Kept kept) {
        Set<String> secrets = new LinkedHashSet<>();
        String token = inventory.k3s().token().map(value -> secret(resolver, value, secrets, true))
                .or(() -> kept.token().map(value -> remember(value, secrets))).orElse(GENERATED_TOKEN);
        Optional<String> password = inventory.datastore().provision()
                .map(provision -> provision.password().map(value -> secret(resolver, value, secrets, true))
                        .or(() -> kept.datastorePassword().map(value -> remember(value, secrets))).orElse(GENERATED_PASSWORD));
        String endpoint = inventory.datastore().endpoint()
                .map(value -> secret(resolver, value, secrets, false))
                .orElseGet(() -> provisionedEndpoint(inventory.datastore(), password.orElseThrow()));
        passwordIn(endpoint).forEach(secrets::add);
        String agentToken = inventory.k3s().agentToken().map(value -> secret(resolver, value, secrets, true))
                .or(() -> kept.agentToken().map(value -> remember(value, secrets))).orElse(GENERATED_TOKEN);
        String agentPassword = K3sToken.passwordOf(agentToken);
        // A token read from a server joins agents only if it is the agent token the servers get now.
        String agentJoinToken = kept.agentJoinToken().flatMap(K3sToken::parse)
                .filter(read -> read.joinsAgentsOnly() && read.password().equals(agentPassword))
                .map(read -> remember(read.text(), secrets))
                .orElse("K10<hash of the cluster CA, read from the first server>::node:" + agentPassword);
        return new ClusterValues(token, agentToken, agentJoinToken, endpoint, password, secrets);
    }

    /** Whether this value is a stand-in for one only a first apply makes (then plan shows it as such). */
    public static boolean isPlaceholder(String value) {
        return value.startsWith("<") || value.startsWith("K10<");
    }

    private static String remember(String value, Set<String> secrets) {
        secrets.add(value);
        return value;
    }

    public SecretMasker masker() {
        return new SecretMasker(secrets);
    }

    /** The endpoint of a datastore k3j-install sets up: the servers reach it at its host's address. */
    static String provisionedEndpoint(Datastore datastore, String password) {
        Datastore.Provision provision = datastore.provision().orElseThrow();
        String host = provision.first().address();
        int port = datastore.type().defaultPort();
        return switch (datastore.type()) {
            // A placeholder is only shown (the plan before a first apply), never sent: it stays readable, not %-encoded.
            case postgres -> isPlaceholder(password)
                    ? Endpoint.postgresUrl(provision.user(), "~", host, port, provision.database()).replace(":~@", ":" + password + "@")
                    : Endpoint.postgresUrl(provision.user(), password, host, port, provision.database());
            case mysql -> Endpoint.mysqlDsn(provision.user(), password, host, port, provision.database());
            // Every member: K3s passes the list to its etcd client, which moves to another member when one is down.
            case etcd -> String.join(",", provision.hosts().stream().map(member -> Endpoint.etcdUrl(provision.tls(), member.address(), port)).toList());
        };
    }

    /**
     * Resolves {@code value}, remembering what must be masked: every referenced value, and the
     * whole value when it is a secret as a whole (a token, a password; not an endpoint).
     */
    private static String secret(SecretResolver resolver, SecretValue value, Set<String> secrets, boolean wholeIsSecret) {
        value.references().forEach(reference -> secrets.add(resolver.resolve(reference.asValue())));
        String resolved = resolver.resolve(value);
        if (wholeIsSecret) {
            secrets.add(resolved);
        }
        return resolved;
    }

    /** The endpoint's password, decoded and as written (percent-encoded in a postgres URL): both are masked. */
    private static List<String> passwordIn(String endpoint) {
        try {
            return Stream.of(Endpoint.parse(endpoint).password(), Endpoint.passwordAsWritten(endpoint))
                    .flatMap(Optional::stream).filter(password -> !password.startsWith("<")).distinct().toList();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
