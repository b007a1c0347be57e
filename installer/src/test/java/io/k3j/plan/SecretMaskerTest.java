package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskerTest {
    private static final String SECRET = "to'k\"en\\ a!b@c";
    private static final SecretMasker MASKER = new SecretMasker(Set.of(SECRET));

    @Test
    void masksEveryOccurrenceLongestFirst() {
        SecretMasker masker = new SecretMasker(Set.of("pw", "pw-long", ""));

        assertThat(masker.mask("a pw-long and a pw")).isEqualTo("a ******** and a ********");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "to'k\"en\\ a!b@c",                          // as is
            "to'k\\\"en\\\\ a!b@c",                      // YAML double-quoted, JSON
            "to''k\"en\\ a!b@c",                         // YAML single-quoted, SQL
            "to'\\''k\"en\\ a!b@c",                      // shell single-quoted
            "to'\"'\"'k\"en\\ a!b@c",                    // shell, the other spelling
            "to\\'k\"en\\\\ a!b@c",                      // MySQL, backslashes
            "to''k\"en\\\\ a!b@c",                       // MySQL, backslashes and doubled quotes
            "to%27k%22en%5C%20a%21b%40c",                // RFC 3986, upper-case hex
            "to%27k%22en%5c%20a%21b%40c",                // lower-case hex
            "to'k%22en%5C%20a!b%40c",                    // user info as java.net.URI keeps it
            "to'k\"en\\%20a!b%40c",                      // only the user info's delimiters encoded
            "to%27k%22en%5C+a%21b%40c",                  // HTML form, '+' for a space
            "to%27k%22en%5c+a%21b%40c",
            "to'\\\\''k\\\"en\\\\ a!b@c"                 // a shell form inside a JSON string
    })
    void masksTheSecretInEveryFormItIsWrittenIn(String form) {
        assertThat(MASKER.mask("token: \"" + form + "\" end")).isEqualTo("token: \"********\" end");
    }

    @Test
    void keepsLettersOfOtherTextAsTheyAre() {
        SecretMasker masker = new SecretMasker(List.of("Pass word!"));

        assertThat(masker.mask("user Pass, pass%20word%21 and Pass%20word%21")).isEqualTo("user Pass, pass%20word%21 and ********");
    }

    @Test
    void andAddsSecretsOfItsOwn() {
        SecretMasker masker = MASKER.and(List.of("old'one"));

        assertThat(masker.mask("- old''one + " + SECRET)).isEqualTo("- ******** + ********");
    }
}
