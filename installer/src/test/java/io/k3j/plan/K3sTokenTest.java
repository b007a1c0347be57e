package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** K3s' secure token form, as K3s writes server/token and server/agent-token. */
class K3sTokenTest {
    private static final String HASH = "0123456789abcdef".repeat(4);

    @Test
    void theServerAndTheAgentFormsAreReadWithTheirUserAndPassword() {
        assertThat(K3sToken.parse("K10" + HASH + "::server:s3cret")).hasValue(new K3sToken(HASH, "server", "s3cret"));
        K3sToken agent = K3sToken.parse("K10" + HASH + "::node:0123456789abcdef0123456789abcdef").orElseThrow();
        assertThat(agent.joinsAgentsOnly()).isTrue();
        assertThat(agent.text()).isEqualTo("K10" + HASH + "::node:0123456789abcdef0123456789abcdef");
    }

    @Test
    void anythingElseIsNotASecureToken() {
        assertThat(K3sToken.parse("s3cret")).isEmpty();
        assertThat(K3sToken.parse("K10" + HASH.substring(1) + "::server:s3cret")).as("a short hash").isEmpty();
        assertThat(K3sToken.parse("K10" + HASH.toUpperCase() + "::server:s3cret")).as("upper-case hex").isEmpty();
        assertThat(K3sToken.parse("K10" + HASH + "::admin:s3cret")).as("another user").isEmpty();
        assertThat(K3sToken.parse("K10" + HASH + "::server:")).as("no password").isEmpty();
        assertThat(K3sToken.parse("K10" + HASH + "::server:a\nagent-token: b")).as("a second line").isEmpty();
    }

    @Test
    void thePasswordOfAShortTokenIsTheTokenItself() {
        assertThat(K3sToken.passwordOf("K10" + HASH + "::node:pw")).isEqualTo("pw");
        assertThat(K3sToken.passwordOf("pw")).isEqualTo("pw");
    }

    @Test
    void aGeneratedPasswordIs32LowerCaseHexCharacters() {
        assertThat(K3sToken.isGenerated("0123456789abcdef0123456789abcdef")).isTrue();
        assertThat(K3sToken.isGenerated("0123456789abcdef0123456789abcde")).isFalse();
        assertThat(K3sToken.isGenerated("0123456789ABCDEF0123456789abcdef")).isFalse();
        assertThat(K3sToken.isGenerated("0123456789abcdef0123456789abcde'")).isFalse();
    }
}
