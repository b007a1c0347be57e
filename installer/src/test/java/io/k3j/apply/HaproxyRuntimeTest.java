package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The runtime API's commands and answers. The answers are HAProxy 2.6's own (Debian 12's package), captured
 * from a backend k3s-servers whose server-1 had one session and was drained, its addresses made examples.
 */
class HaproxyRuntimeTest {

    private static String captured(String name) throws IOException {
        try (InputStream in = HaproxyRuntimeTest.class.getResourceAsStream("/haproxy/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void setsAServersStateInTheBackend() {
        assertThat(HaproxyRuntime.setState("k3s-servers", "server-1", HaproxyRuntime.State.DRAIN))
                .isEqualTo("set server k3s-servers/server-1 state drain");
        assertThat(HaproxyRuntime.setState("k3s-servers", "198-51-100-12", HaproxyRuntime.State.READY))
                .isEqualTo("set server k3s-servers/198-51-100-12 state ready");
    }

    @Test
    void aNameThatCouldSendASecondCommandIsRefused() {
        for (String name : new String[] {"server-1;shutdown frontend k3s-api", "server 1", "server\\1", "k3s/x", "", "s1\nshow info"}) {
            assertThatThrownBy(() -> HaproxyRuntime.setState("k3s-servers", name, HaproxyRuntime.State.DRAIN))
                    .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot go on HAProxy's command line");
        }
        assertThatThrownBy(() -> HaproxyRuntime.showStat("k3s-servers;disable server x/y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asksForTheBackendsServersOnly() {
        assertThat(HaproxyRuntime.showStat("k3s-servers")).isEqualTo("show stat k3s-servers 4 -1");
        assertThat(HaproxyRuntime.showServersState("k3s-servers")).isEqualTo("show servers state k3s-servers");
    }

    @Test
    void theScriptSendsTheCommandAsOneQuotedLineAndSaysWhenThereIsNoSocket() {
        assertThat(HaproxyRuntime.script("set server k3s-servers/server-1 state drain")).isEqualTo("""
                [ -S /run/haproxy/k3j-admin.sock ] || exit 3
                printf '%s\\n' 'set server k3s-servers/server-1 state drain' | nc -U /run/haproxy/k3j-admin.sock
                """);
    }

    @Test
    void aSetServerThatAnswersNothingWasDone() {
        assertThat(HaproxyRuntime.refusal("\n")).isEmpty();
        assertThat(HaproxyRuntime.refusal("No such server.\n\n")).hasValue("No such server.");
    }

    @Test
    void readsAServersSessionsAndStatusFromShowStat() throws IOException {
        String csv = captured("show-stat-draining.csv");

        assertThat(HaproxyRuntime.stat(csv, "k3s-servers", "server-1")).hasValue(new HaproxyRuntime.ServerStat(1, "DRAIN"));
        assertThat(HaproxyRuntime.stat(csv, "k3s-servers", "198-51-100-12")).hasValue(new HaproxyRuntime.ServerStat(0, "no check"));
    }

    @Test
    void aServerOrBackendNotInShowStatIsNotFound() throws IOException {
        String csv = captured("show-stat-draining.csv");

        assertThat(HaproxyRuntime.stat(csv, "k3s-servers", "server-9")).isEmpty();
        assertThat(HaproxyRuntime.stat(csv, "other", "server-1")).isEmpty();
        assertThat(HaproxyRuntime.stat("Unknown command.\n", "k3s-servers", "server-1")).isEmpty();
        assertThat(HaproxyRuntime.stat("", "k3s-servers", "server-1")).isEmpty();
    }

    @Test
    void readsWhetherAServerIsDrainedFromItsAdministrativeState() throws IOException {
        String state = captured("show-servers-state-draining.txt");

        assertThat(HaproxyRuntime.drained(state, "k3s-servers", "server-1")).hasValue(true);
        assertThat(HaproxyRuntime.drained(state, "k3s-servers", "198-51-100-12")).hasValue(false);
        assertThat(HaproxyRuntime.drained(state, "k3s-servers", "server-9")).isEmpty();
        assertThat(HaproxyRuntime.drained("No such backend.\n", "k3s-servers", "server-1")).isEmpty();
    }

    @Test
    void aServerInMaintenanceOnlyIsNotDrained() {
        // srv_admin_state 1: forced maintenance, set by hand; not apply's to undo.
        String state = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state\n3 k3s-servers 1 server-1 198.51.100.11 0 1\n";

        assertThat(HaproxyRuntime.drained(state, "k3s-servers", "server-1")).isEqualTo(Optional.of(false));
    }
}
