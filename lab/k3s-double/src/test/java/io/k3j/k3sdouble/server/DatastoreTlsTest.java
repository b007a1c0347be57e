package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.ConfigArgs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoreTlsTest {

    @Test
    void filesComeFromConfigYamlAndTheCommandLineBeforeTheEnvironment(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("config.yaml"), "datastore-cafile: /etc/pki/ca.crt\ndatastore-keyfile: /file/client.key\n");
        Map<String, List<String>> settings = ConfigArgs.merge(List.of(config),
                Flags.parse(List.of("--datastore-keyfile=/flag/client.key")));

        DatastoreTls tls = DatastoreTls.from(settings, Map.of("K3S_DATASTORE_CAFILE", "/env/ca.crt",
                "K3S_DATASTORE_CERTFILE", "/env/client.crt"));

        assertThat(tls.caFile()).contains(Path.of("/etc/pki/ca.crt"));
        assertThat(tls.certFile()).contains(Path.of("/env/client.crt"));
        assertThat(tls.keyFile()).contains(Path.of("/flag/client.key"));
        assertThat(tls.configured()).isTrue();
    }

    @Test
    void noFileMeansNoTlsSettingsOfItsOwn() {
        DatastoreTls tls = DatastoreTls.from(Map.of(), Map.of("K3S_DATASTORE_CAFILE", ""));

        assertThat(tls.configured()).isFalse();
    }
}
