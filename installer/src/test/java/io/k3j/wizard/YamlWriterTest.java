package io.k3j.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** An answer written into the inventory reads back as exactly that answer, one key, whatever it holds. */
class YamlWriterTest {

    @Test
    void anAnswerWithANewlineStaysOneValue() {
        String answer = "db.example.com\"\ntoken: stolen\r\t\u2028\\ # not a comment";

        String written = new YamlWriter().value(0, "address", answer).toString();

        Map<String, Object> read = new Yaml(new SafeConstructor(new LoaderOptions())).load(written);
        assertThat(read).containsOnlyKeys("address").containsEntry("address", answer);
        assertThat(written.lines()).hasSize(1);
    }
}
