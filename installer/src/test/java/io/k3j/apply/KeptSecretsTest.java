package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.plan.ClusterValues;
import io.k3j.plan.K3sToken;
import io.k3j.plan.Paths;
import io.k3j.ssh.RunLog;
import io.k3j.testing.ExampleInventories;
import io.k3j.testing.FakeHost;
import io.k3j.testing.FakeHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The secrets read back from every server and the datastore host of mysql-haproxy.yaml (no token, no password given). */
class KeptSecretsTest {
    private static final String HASH = "0123456789abcdef".repeat(4);
    private static final String PASSWORD = "00112233445566778899aabbccddeeff";
    private static final String AGENT_PASSWORD = "ffeeddccbbaa99887766554433221100";

    @TempDir
    Path temp;

    @RegisterExtension
    final FakeHosts fakes = new FakeHosts();

    private final FakeHost db = fakes.host("198.51.100.5");
    private final FakeHost server1 = fakes.host("198.51.100.11");
    private final FakeHost server2 = fakes.host("198.51.100.12");

    @Test
    void whatEveryServerAgreesOnIsKept() {
        for (FakeHost server : List.of(server1, server2)) {
            server.put(Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + PASSWORD + "\n");
            server.put(Paths.AGENT_TOKEN, "K10" + HASH + "::node:" + AGENT_PASSWORD + "\n");
        }
        db.put(Paths.DATASTORE_PASSWORD, AGENT_PASSWORD + "\n");

        assertThat(read()).isEqualTo(new ClusterValues.Kept(Optional.of(PASSWORD), Optional.of(AGENT_PASSWORD), Optional.of(AGENT_PASSWORD),
                Optional.of("K10" + HASH + "::node:" + AGENT_PASSWORD)));
    }

    @Test
    void aSecondServerWithAnotherTokenIsNamedRatherThanOutvotedByTheFirst() {
        server1.put(Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + PASSWORD + "\n");
        server2.put(Paths.SERVER_TOKEN, "K10" + HASH + "::server:" + AGENT_PASSWORD + "\n");

        assertThatThrownBy(this::read).isInstanceOf(KeptSecretsConflict.class).hasMessageContaining("(198.51.100.11 / 198.51.100.12)");
    }

    @Test
    void aServerWhoseAgentTokenDisagreesIsNamedWithThePathItHolds() {
        server1.put(Paths.AGENT_TOKEN, "K10" + HASH + "::node:" + AGENT_PASSWORD + "\n");
        server2.put(Paths.AGENT_TOKEN, "K10" + HASH + "::node:" + PASSWORD + "\n");

        assertThatThrownBy(this::read).isInstanceOfSatisfying(KeptSecretsConflict.class, conflict -> assertThat(conflict.problems())
                .singleElement().asString().startsWith("the servers hold different tokens in " + Paths.AGENT_TOKEN
                        + " (198.51.100.11 / 198.51.100.12)"));
    }

    @Test
    void aNewClusterGetsSecretsOfTheGeneratedFormAndNoAgentsTokenUntilAServerWritesIt() {
        ClusterValues.Kept kept = KeptSecrets.readOrGenerate(ExampleInventories.load("mysql-haproxy.yaml"), connected());

        assertThat(List.of(kept.token(), kept.datastorePassword(), kept.agentToken()))
                .allSatisfy(secret -> assertThat(secret).hasValueSatisfying(value -> assertThat(K3sToken.isGenerated(value)).isTrue()));
        assertThat(kept.agentJoinToken()).isEmpty();
        assertThat(kept.token()).isNotEqualTo(kept.agentToken());
    }

    @Test
    void aDatastorePasswordOfAnotherFormThanGeneratedIsRefusedNamingItsHost() {
        db.put(Paths.DATASTORE_PASSWORD, "x' OR '1'='1\n");

        assertThatThrownBy(this::read).isInstanceOf(KeptSecretsConflict.class)
                .hasMessageStartingWith("198.51.100.5: /etc/k3j/datastore-password does not hold a password k3j-install generated");
    }

    private ClusterValues.Kept read() {
        return KeptSecrets.read(ExampleInventories.load("mysql-haproxy.yaml"), connected());
    }

    private ConnectedHosts connected() {
        return new ConnectedHosts(Map.of(db.name(), db, server1.name(), server1, server2.name(), server2), Map.of(),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
    }
}
