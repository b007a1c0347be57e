package io.k3j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgPassFileTest {

    @Test
    void colonsAndBackslashesAreEscapedTheWayLibpqReadsThem() {
        assertThat(PgPassFile.forAnyServer("a:b\\c*'$d")).isEqualTo("*:*:*:*:a\\:b\\\\c*'$d\n");
    }

    @Test
    void aLineBreakCannotBeInALine() {
        assertThatThrownBy(() -> PgPassFile.forAnyServer("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PgPassFile.forAnyServer("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
