package io.k3j.k3sdouble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file as pkg/agent/loadbalancer/config.go writes and reads it (config_test.go's cases). */
class LoadBalancerStateTest {
    private static final String URL = "https://lb.example.com:6443";

    @Test
    void isWrittenAsGosMarshalIndentWithTwoSpaces() {
        assertThat(new LoadBalancerState(URL, List.of("198.51.100.11:6443", "198.51.100.12:6443")).json()).isEqualTo("""
                {
                  "ServerURL": "https://lb.example.com:6443",
                  "ServerAddresses": [
                    "198.51.100.11:6443",
                    "198.51.100.12:6443"
                  ]
                }""");
    }

    @Test
    void noAddressesAreAnEmptyList() {
        assertThat(new LoadBalancerState(URL, List.of()).json()).isEqualTo("{\n  \"ServerURL\": \"" + URL + "\",\n  \"ServerAddresses\": []\n}");
    }

    @Test
    void readsBackWhatItWrites(@TempDir Path dataDir) throws Exception {
        LoadBalancerState state = new LoadBalancerState(URL, List.of("198.51.100.11:6443"));
        state.write(dataDir);

        assertThat(dataDir.resolve("agent/etc/k3s-agent-load-balancer.json")).exists();
        assertThat(LoadBalancerState.read(dataDir)).contains(state);
    }

    @Test
    void savedAddressesAreUsedOnlyForTheSameServerUrl() {
        Optional<LoadBalancerState> saved = Optional.of(new LoadBalancerState(URL, List.of("198.51.100.11:6443")));

        assertThat(LoadBalancerState.savedFor(URL, saved)).contains(List.of("198.51.100.11:6443"));
        assertThat(LoadBalancerState.savedFor("https://other.example.com:6443", saved)).isEmpty();
        assertThat(LoadBalancerState.savedFor(URL, Optional.empty())).isEmpty();
    }

    @Test
    void aFileThatIsNotTheStateIsIgnored(@TempDir Path dataDir) throws Exception {
        Path file = Files.createDirectories(dataDir.resolve("agent/etc")).resolve("k3s-agent-load-balancer.json");
        Files.writeString(file, "not-json");
        assertThat(LoadBalancerState.read(dataDir)).isEmpty();
        Files.writeString(file, "{\"ServerAddresses\": [\"198.51.100.11:6443\"]}");
        assertThat(LoadBalancerState.read(dataDir)).isEmpty();
        assertThat(LoadBalancerState.read(dataDir.resolve("missing"))).isEmpty();
    }
}
