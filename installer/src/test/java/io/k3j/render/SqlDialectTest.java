package io.k3j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlDialectTest {

    @Test
    void postgresLiteralsAreEscapeStringsThatReadTheSameWhateverStandardConformingStringsSays() {
        assertThat(SqlDialect.POSTGRES.literal("it's a \\ back")).isEqualTo("E'it\\'s a \\\\ back'");
        assertThat(SqlDialect.POSTGRES.literal("\\'); DROP ROLE k3s; --")).isEqualTo("E'\\\\\\'); DROP ROLE k3s; --'");
    }

    @Test
    void mysqlLiteralsEscapeTheBackslashThatMysqlReadsAsAnEscape() {
        assertThat(SqlDialect.MYSQL.literal("it's a \\ back")).isEqualTo("'it\\'s a \\\\ back'");
        assertThat(SqlDialect.MYSQL.literal("x\\' OR 1=1; GRANT ALL ON *.* TO k3s; -- ")).isEqualTo("'x\\\\\\' OR 1=1; GRANT ALL ON *.* TO k3s; -- '");
    }

    @Test
    void identifiersDoubleTheirQuote() {
        assertThat(SqlDialect.POSTGRES.identifier("we\"ird")).isEqualTo("\"we\"\"ird\"");
        assertThat(SqlDialect.MYSQL.identifier("we`ird")).isEqualTo("`we``ird`");
    }

    @Test
    void controlCharactersAreRefused() {
        for (SqlDialect dialect : SqlDialect.values()) {
            assertThatThrownBy(() -> dialect.literal("a\nb")).hasMessageContaining("U+000A");
            assertThatThrownBy(() -> dialect.identifier("a\0b")).hasMessageContaining("U+0000");
        }
    }
}
