package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The secrets a host's file holds now, found to be masked on the old side of a plan's diff. */
class SecretsOnHostTest {

    @Test
    void secretsOfAnOldSetUpScriptAreFound() {
        assertThat(SecretsOnHost.in("ALTER ROLE \"k3s\" WITH LOGIN PASSWORD 'it''s';\nALTER ROLE x PASSWORD E'e\\'s';\n"
                + "CREATE USER IF NOT EXISTS 'k3s'@'198.51.100.11' IDENTIFIED BY 'b\\\\s';\n"))
                .contains("it''s", "it's", "e\\'s", "e's", "b\\\\s", "b\\s");
    }

    @Test
    void theTokensAndTheEndpointsPasswordOfAConfigAreFound() {
        assertThat(SecretsOnHost.in("token: \"K10abc::server:old-token\"\nagent-token: 'old-agent''s'\n"
                + "datastore-endpoint: postgres://k3s:old%40pw@198.51.100.5:5432/k3s\n"))
                .contains("old-token", "old-agent's", "old@pw", "old%40pw");
    }

    @Test
    void aTokenOfTheSecureFormGivesItsPasswordPartAsKeptTokensReadIt() {
        String token = "K10" + "ab".repeat(32) + "::server:" + "0123456789abcdef".repeat(2);

        assertThat(SecretsOnHost.in("token: \"" + token + "\"\n")).containsExactly(token, K3sToken.parse(token).orElseThrow().password());
    }
}
