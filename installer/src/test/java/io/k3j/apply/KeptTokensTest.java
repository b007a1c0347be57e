package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tokens read back from the servers: one value on every server, in the form it was generated, or a stop naming the hosts. */
class KeptTokensTest {
    private static final String HASH = "0123456789abcdef".repeat(4);
    private static final String PASSWORD = "00112233445566778899aabbccddeeff";
    private static final String AGENT_PASSWORD = "ffeeddccbbaa99887766554433221100";
    private static final String TOKEN = "K10" + HASH + "::server:" + PASSWORD;
    private static final String AGENT_TOKEN = "K10" + HASH + "::node:" + AGENT_PASSWORD;

    private static KeptTokens.ServerFiles server(String host, String token, String agentToken) {
        return new KeptTokens.ServerFiles(host, Optional.ofNullable(token), Optional.ofNullable(agentToken));
    }

    @Test
    void serversThatAgreeGiveTheirPasswordsAndTheAgentsToken() {
        KeptTokens.Agreed agreed = KeptTokens.agree(List.of(server("s1", TOKEN, AGENT_TOKEN), server("s2", TOKEN, AGENT_TOKEN),
                server("s3", null, null)), false, false);

        assertThat(agreed).isEqualTo(new KeptTokens.Agreed(Optional.of(PASSWORD), Optional.of(AGENT_PASSWORD), Optional.of(AGENT_TOKEN)));
    }

    @Test
    void aClusterInstalledWithoutAnAgentTokenHasNoneYetThoughItsAgentTokenFileIsTheServerToken() {
        KeptTokens.Agreed agreed = KeptTokens.agree(List.of(server("s1", TOKEN, TOKEN), server("s2", TOKEN, TOKEN)), false, false);

        assertThat(agreed).isEqualTo(new KeptTokens.Agreed(Optional.of(PASSWORD), Optional.empty(), Optional.empty()));
    }

    @Test
    void anApplyCutShortWhileMovingToAnAgentTokenCarriesOnWithTheOneAServerAlreadyHas() {
        KeptTokens.Agreed agreed = KeptTokens.agree(List.of(server("s1", TOKEN, AGENT_TOKEN), server("s2", TOKEN, TOKEN)), false, false);

        assertThat(agreed.agentToken()).hasValue(AGENT_PASSWORD);
    }

    @Test
    void serversThatDisagreeStopTheApplyNamingWhichHoldsWhich() {
        String other = "K10" + HASH + "::server:" + AGENT_PASSWORD;

        assertThatThrownBy(() -> KeptTokens.agree(List.of(server("s1", TOKEN, null), server("s2", other, null), server("s3", TOKEN, null)),
                false, false))
                .isInstanceOfSatisfying(KeptSecretsConflict.class, conflict -> assertThat(conflict.problems()).singleElement()
                        .asString().contains("different tokens in /var/lib/rancher/k3s/server/token (s1, s3 / s2)")
                        .contains("spec.k3s.token"));
        assertThatThrownBy(() -> KeptTokens.agree(List.of(server("s1", TOKEN, AGENT_TOKEN),
                server("s2", TOKEN, "K10" + HASH + "::node:" + PASSWORD)), false, false))
                .isInstanceOfSatisfying(KeptSecretsConflict.class, conflict -> assertThat(conflict.problems()).singleElement()
                        .asString().contains("different tokens in /var/lib/rancher/k3s/server/agent-token (s1 / s2)")
                        .contains("spec.k3s.agentToken"));
    }

    @Test
    void aValueOfAnotherFormThanGeneratedIsRefusedNamingTheHost() {
        assertThatThrownBy(() -> KeptTokens.agree(List.of(server("s1", "K10" + HASH + "::server:x\"; rm -rf /", null)), false, false))
                .isInstanceOfSatisfying(KeptSecretsConflict.class, conflict -> assertThat(conflict.problems()).singleElement()
                        .asString().startsWith("s1: /var/lib/rancher/k3s/server/token does not hold a token k3j-install generated"));
        assertThatThrownBy(() -> KeptTokens.agree(List.of(server("s1", TOKEN, "not a token")), false, false))
                .isInstanceOfSatisfying(KeptSecretsConflict.class, conflict -> assertThat(conflict.problems()).singleElement()
                        .asString().startsWith("s1: /var/lib/rancher/k3s/server/agent-token"));
    }

    @Test
    void tokensTheInventoryGivesAreNotReadBackButTheAgentsTokenIsTheFirstServers() {
        KeptTokens.Agreed agreed = KeptTokens.agree(List.of(server("s1", "K10" + HASH + "::server:mine", "K10" + HASH + "::node:my-agents"),
                server("s2", "K10" + HASH + "::server:other", "K10" + HASH + "::node:older")), true, true);

        assertThat(agreed).isEqualTo(new KeptTokens.Agreed(Optional.empty(), Optional.empty(),
                Optional.of("K10" + HASH + "::node:my-agents")));
    }

    @Test
    void theServerTokenIsNeverTheAgentsToken() {
        assertThat(KeptTokens.agree(List.of(server("s1", TOKEN, TOKEN)), true, true).agentJoinToken()).isEmpty();
    }
}
