package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import io.k3j.render.TemplateRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers get an agent token, the agents its CA-pinning form and never the server token:
 * whoever reads an agent's config.yaml must not be able to join a server.
 */
class AgentTokenPlanTest {
    private static final String HASH = "0123456789abcdef".repeat(4);
    private static final String SERVER_PASSWORD = "00112233445566778899aabbccddeeff";
    private static final String AGENT_PASSWORD = "ffeeddccbbaa99887766554433221100";
    private static final String JOIN_TOKEN = "K10" + HASH + "::node:" + AGENT_PASSWORD;
    private static final Map<String, String> ENVIRONMENT = Map.of("AGENT_TOKEN", "agents-own-secret");
    private static final String SERVER = "198.51.100.11";
    private static final String WORKER = "198.51.100.31";

    @TempDir
    Path folder;

    @Test
    void serversGetTheKeptAgentTokenAndAgentsItsSecureFormWithoutTheServerPassword() throws IOException {
        Inventory inventory = load("");
        ClusterValues values = values(inventory, Optional.of(AGENT_PASSWORD), Optional.of(JOIN_TOKEN));

        String server = config(inventory, values, Step.SERVERS, SERVER);
        String worker = config(inventory, values, Step.WORKERS, WORKER);

        assertThat(server).contains("token: \"" + SERVER_PASSWORD + "\"\n").contains("agent-token: \"" + AGENT_PASSWORD + "\"\n");
        assertThat(worker).contains("token: \"" + JOIN_TOKEN + "\"\n").doesNotContain(SERVER_PASSWORD);
        assertThat(values.masker().mask(server + worker)).doesNotContain(SERVER_PASSWORD, AGENT_PASSWORD);
    }

    @Test
    void theInventorysAgentTokenWinsOverAKeptOne() throws IOException {
        Inventory inventory = load(", agentToken: \"${env:AGENT_TOKEN}\"");
        ClusterValues values = values(inventory, Optional.of(AGENT_PASSWORD), Optional.of("K10" + HASH + "::node:agents-own-secret"));

        assertThat(config(inventory, values, Step.SERVERS, SERVER)).contains("agent-token: \"agents-own-secret\"\n");
        assertThat(config(inventory, values, Step.WORKERS, WORKER)).contains("token: \"K10" + HASH + "::node:agents-own-secret\"\n");
        assertThat(values.secrets()).contains("agents-own-secret");
    }

    @Test
    void aTokenReadFromAServerThatIsNotForTheAgentTokenOfNowNeverReachesAnAgent() throws IOException {
        Inventory inventory = load("");

        ClusterValues stale = values(inventory, Optional.of(AGENT_PASSWORD), Optional.of("K10" + HASH + "::node:" + SERVER_PASSWORD));
        ClusterValues serverToken = values(inventory, Optional.of(AGENT_PASSWORD), Optional.of("K10" + HASH + "::server:" + AGENT_PASSWORD));

        String placeholder = "K10<hash of the cluster CA, read from the first server>::node:" + AGENT_PASSWORD;
        assertThat(stale.agentJoinToken()).isEqualTo(placeholder);
        assertThat(serverToken.agentJoinToken()).isEqualTo(placeholder);
    }

    @Test
    void offlineTheAgentTokenIsAPlaceholderSayingWhereItWillComeFrom() throws IOException {
        Inventory inventory = load("");
        ClusterValues values = ClusterValues.offline(inventory, new InventoryLoader(ENVIRONMENT::get).secrets(inventory));

        assertThat(config(inventory, values, Step.SERVERS, SERVER)).contains("agent-token: \"<generated on the first apply");
        assertThat(values.agentJoinToken()).startsWith("K10<hash of the cluster CA").contains("::node:<generated on the first apply");
    }

    private static ClusterValues values(Inventory inventory, Optional<String> agentToken, Optional<String> joinToken) {
        return ClusterValues.of(inventory, new InventoryLoader(ENVIRONMENT::get).secrets(inventory),
                new ClusterValues.Kept(Optional.of(SERVER_PASSWORD), Optional.empty(), agentToken, joinToken));
    }

    private static String config(Inventory inventory, ClusterValues values, Step step, String host) {
        Plan plan = new Planner(new TemplateRenderer()).plan(inventory, values, HostKnowledge.OFFLINE);
        return plan.steps().stream().filter(s -> s.step() == step).flatMap(s -> s.waves().stream()).flatMap(java.util.List::stream)
                .filter(h -> h.host().equals(host)).flatMap(h -> h.actions().stream()).map(Action::operation)
                .filter(Operation.WriteFile.class::isInstance).map(write -> ((Operation.WriteFile) write).file())
                .filter(file -> file.path().equals(Paths.K3S_CONFIG)).findFirst().orElseThrow().content();
    }

    private Inventory load(String k3sExtra) throws IOException {
        Path file = Files.writeString(folder.resolve("inventory.yaml"), """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: edge}
                spec:
                  k3s: {version: v1.31.4+k3s1%s}
                  datastore: {type: postgres, endpoint: "postgres://k3s:pw@198.51.100.5:5432/k3s"}
                  servers:
                    hosts: [{address: %s}, {address: 198.51.100.12}]
                  registration: {address: k8s.example.com, mode: dns}
                  workers:
                    hosts: [{address: %s}]
                """.formatted(k3sExtra, SERVER, WORKER));
        LoadResult result = new InventoryLoader(ENVIRONMENT::get).load(file);
        assertThat(result.problems()).isEmpty();
        return result.inventory().orElseThrow();
    }
}
