package io.k3j.k3sdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BootstrapCipherTest {
    private static final byte[] DATA = "{\"ServerCA\":\"...\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameTokenOpensWhatItSealed() {
        byte[] stored = BootstrapCipher.encrypt("token-a", DATA);

        assertThat(new String(stored, StandardCharsets.UTF_8)).matches("[0-9a-f]{16}:[A-Za-z0-9+/=]+");
        assertThat(BootstrapCipher.decrypt("token-a", stored)).isEqualTo(DATA);
    }

    @Test
    void aDifferentTokenGetsTheRealError() {
        byte[] stored = BootstrapCipher.encrypt("token-a", DATA);

        assertThatThrownBy(() -> BootstrapCipher.decrypt("token-b", stored))
                .isInstanceOf(BootstrapCipher.WrongTokenException.class)
                .hasMessage("bootstrap data already found and encrypted with different token");
    }

    @Test
    void theStorageKeyIsTwelveHexOfTheTokensSha256() {
        // sha256("token-a") starts with these 12 hex characters.
        assertThat(BootstrapCipher.storageKey("token-a")).isEqualTo("/bootstrap/" + Token.sha256Hex("token-a".getBytes()).substring(0, 12))
                .matches("/bootstrap/[0-9a-f]{12}");
    }

    @Test
    void eachSealIsFreshlySalted() {
        assertThat(BootstrapCipher.encrypt("t", DATA)).isNotEqualTo(BootstrapCipher.encrypt("t", DATA));
    }
}
