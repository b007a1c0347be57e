package io.k3j.k3sdouble;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void theFullFormPinsTheSha256OfTheCaBytes() {
        byte[] ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8);
        Token token = Token.full(ca, "server", "0123456789abcdef0123456789abcdef");

        assertThat(token.text()).matches("K10[0-9a-f]{64}::server:0123456789abcdef0123456789abcdef");
        assertThat(Token.parse(token.text())).isEqualTo(token);
        assertThat(token.caHash()).contains(Token.sha256Hex(ca));
    }

    @Test
    void theShortFormIsTheBarePasswordWithoutCaCheck() {
        Token token = Token.parse("my-shared-secret\n");

        assertThat(token.caHash()).isEmpty();
        assertThat(token.password()).isEqualTo("my-shared-secret");
        assertThat(token.text()).isEqualTo("K10::server:my-shared-secret");
    }

    @Test
    void anAgentTokenKeepsItsUser() {
        assertThat(Token.parse("K10abc::node:pw").user()).isEqualTo("node");
    }

    @Test
    void randomPasswordsAre32HexCharacters() {
        assertThat(Token.randomPassword()).matches("[0-9a-f]{32}").isNotEqualTo(Token.randomPassword());
    }
}
