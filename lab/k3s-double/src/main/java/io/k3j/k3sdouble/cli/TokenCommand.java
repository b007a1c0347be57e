package io.k3j.k3sdouble.cli;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.ReleaseFeatures;
import io.k3j.k3sdouble.Token;
import io.k3j.k3sdouble.Version;
import io.k3j.k3sdouble.agent.SupervisorClient;
import io.k3j.k3sdouble.server.Flags;
import io.k3j.k3sdouble.server.Log;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code k3s token rotate} (pkg/cli/token/token.go Rotate, flags from pkg/cli/cmds/token.go):
 * {@code --token/-t} (K3S_TOKEN; else {@code <data-dir>/server/token}), {@code --server/-s}
 * (K3S_URL, {@code https://127.0.0.1:6443}), {@code --new-token} (empty: the server makes one).
 * It checks the server against the token's CA hash, PUTs {@code /v1-k3s/token} as
 * {@code server:<password>}, waits a second as K3s does for the datastore, and tells to restart
 * the nodes. Only in the releases that have it ({@link ReleaseFeatures#hasTokenRotate}); the
 * other token subcommands (bootstrap tokens) are not copied.
 */
public final class TokenCommand {
    private static final String WARNING = "\033[33mWARNING\033[0m: Recommended to keep a record of the old token. If restoring from a "
            + "snapshot, you must use the token associated with that snapshot.";
    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    private final Log log;
    private final PrintStream out;
    private final Map<String, String> environment;

    public TokenCommand(Log log, PrintStream out, Map<String, String> environment) {
        this.log = log;
        this.out = out;
        this.environment = environment;
    }

    public int run(List<String> args) throws InterruptedException {
        String subcommand = args.isEmpty() ? "" : args.get(0);
        String version = Version.ofThisBuild().version();
        if (!subcommand.equals("rotate")) {
            log.fatal("Error: the K3s double has 'token rotate' only, not '" + subcommand + "' (see docs/k3s-double.md)");
            return 1;
        }
        if (!ReleaseFeatures.hasTokenRotate(version)) {
            log.fatal("Error: k3s " + version + " has no 'token rotate' (it came with v1.28.3+k3s1, v1.27.7+k3s1, v1.26.10+k3s1 "
                    + "and v1.25.15+k3s1)");
            return 1;
        }
        Map<String, List<String>> flags = Flags.parse(args.subList(1, args.size()));
        out.println(WARNING);
        try {
            Optional<String> given = flag(flags, "token", "t").or(() -> Optional.ofNullable(environment.get("K3S_TOKEN")));
            Token token = Token.parse(given.isPresent() ? given.get()
                    : Files.readString(Path.of(flag(flags, "data-dir", "d").orElse("/var/lib/rancher/k3s"), "server/token")));
            String server = flag(flags, "server", "s").or(() -> Optional.ofNullable(environment.get("K3S_URL")))
                    .orElse("https://127.0.0.1:6443");
            SupervisorClient client = SupervisorClient.pinned(validatedCa(server, token), null);
            URI url = URI.create(server + "/v1-k3s/token");
            HttpResponse<String> response = client.put(url, "server", token.password(),
                    Json.write(Map.of("newToken", flags.getOrDefault("new-token", List.of("")).get(0))));
            if (response.statusCode() / 100 != 2) {
                throw new IOException(url + ": " + response.statusCode() + " " + response.body().strip());
            }
            Thread.sleep(PROPAGATION.toMillis());
            out.println("Token rotated, restart k3s nodes with new token");
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            log.fatal("Error: " + e.getMessage());
            return 1;
        }
    }

    /** clientaccess.ParseAndValidateToken: the server's /cacerts, checked against the token's CA hash when it has one. */
    private static String validatedCa(String server, Token token) throws IOException, InterruptedException {
        String ca = SupervisorClient.insecure().get(URI.create(server + "/cacerts"), null, null, null, null).body();
        String actual = Token.sha256Hex(ca.getBytes(StandardCharsets.US_ASCII));
        if (token.caHash().isPresent() && !token.caHash().get().equals(actual)) {
            throw new IOException("token CA hash does not match the Cluster CA certificate hash: " + token.caHash().get() + " != " + actual);
        }
        return ca;
    }

    private static Optional<String> flag(Map<String, List<String>> flags, String name, String alias) {
        return Stream.of(name, alias).map(flags::get).filter(Objects::nonNull).map(values -> values.get(values.size() - 1)).findFirst();
    }
}
