package io.k3j.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerConfigTokenTest {

    @Test
    void onlyTheTokenLineChangesAndTheValueIsAYamlString() {
        String config = "# Managed by k3j-install\ntoken: \"old\"\nagent-token: \"a\"\ndatastore-endpoint: \"token: x\"\n";

        assertThat(ServerConfigToken.with(config, "new\"\\")).contains(
                "# Managed by k3j-install\ntoken: \"new\\\"\\\\\"\nagent-token: \"a\"\ndatastore-endpoint: \"token: x\"\n");
    }

    @Test
    void aConfigWithoutATokenLineIsNotOneToEdit() {
        assertThat(ServerConfigToken.with("agent-token: \"a\"\n", "new")).isEmpty();
    }
}
