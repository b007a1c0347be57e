package io.k3j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MysqlOptionFileTest {

    @Test
    void valuesAreQuotedWithAMarkTheyDoNotHoldTheirEscapesDoubledAndFlagsStandAlone() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("password", "a#b'c\\d\ne\tf");
        options.put("user", "x\"y");
        options.put("ssl-verify-server-cert", null);

        assertThat(MysqlOptionFile.group("client", options))
                .isEqualTo("[client]\npassword=\"a#b'c\\\\d\\ne\\tf\"\nuser='x\"y'\nssl-verify-server-cert\n");
    }

    @Test
    void aValueWithBothQuoteMarksOrANulCannotBeWritten() {
        assertThatThrownBy(() -> MysqlOptionFile.group("client", Map.of("password", "a'b\"c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both quote marks");
        assertThatThrownBy(() -> MysqlOptionFile.group("client", Map.of("password", "a\0b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
