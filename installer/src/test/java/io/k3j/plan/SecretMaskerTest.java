package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

    @Test
    void masksEveryOccurrenceLongestFirst() {
        SecretMasker masker = new SecretMasker(Set.of("pw", "pw-long", ""));

        assertThat(masker.mask("a pw-long and a pw")).isEqualTo("a ******** and a ********");
    }
}
