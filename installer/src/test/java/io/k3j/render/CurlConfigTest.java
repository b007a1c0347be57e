package io.k3j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurlConfigTest {

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedTheWayCurlReadsThem() {
        assertThat(CurlConfig.option("user", "a\"b\\c\td\ne\rf\u000bg 'h' $i"))
                .isEqualTo("user = \"a\\\"b\\\\c\\td\\ne\\rf\\vg 'h' $i\"\n");
    }

    @Test
    void aNulCannotBePassed() {
        assertThatThrownBy(() -> CurlConfig.option("data", "a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
